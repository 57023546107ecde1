using Bunit;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Running;
using EcsConsole.Web.Access;
using EcsConsole.Web.Components.Pages.Running;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Running;

public sealed class RunTaskFormTests : BunitContext
{
    private static readonly NetworkChoices Network = new(
        [new VpcSummary("vpc-main", "main", "10.0.0.0/16", true), new VpcSummary("vpc-other", null, "10.9.0.0/16", false)],
        [
            new SubnetSummary("subnet-pub-a", "vpc-main", "public-a", "eu-west-1a", "10.0.1.0/24", 250, true, "routes to the internet gateway igw-1"),
            new SubnetSummary("subnet-priv-b", "vpc-main", null, "eu-west-1b", "10.0.2.0/24", 250, false, "private: no route to an internet gateway"),
            new SubnetSummary("subnet-other", "vpc-other", null, "eu-west-1a", "10.9.1.0/24", 10, true, "x"),
        ],
        [
            new SecurityGroupSummary("sg-web", "web", "vpc-main", "", [new InboundRule("tcp", 80, 80, ["0.0.0.0/0"])]),
            new SecurityGroupSummary("sg-ssh", "ssh", "vpc-main", "", [new InboundRule("tcp", 22, 22, ["10.0.0.0/8"])]),
        ]);

    private static readonly RunDefinitionInfo Definition = new("arn:td/web:3", "web", 3, "ACTIVE", "256", "512",
        [new RunContainerInfo("app", [80], ["uvicorn", "main:app"], true)]);

    public RunTaskFormTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Render<MudBlazor.MudPopoverProvider>();
    }

    private IRenderedComponent<NetworkPicker> Picker(NetworkPlan plan, IReadOnlyList<int>? ports = null, Action<NetworkPlan>? changed = null)
        => Render<NetworkPicker>(p => p
            .Add(x => x.Choices, Network)
            .Add(x => x.Value, plan)
            .Add(x => x.Ports, ports ?? [80])
            .Add(x => x.ValueChanged, changed ?? (_ => { })));

    [Fact]
    public void Public_IP_is_on_by_default_with_the_reason_shown()
    {
        var picker = Picker(RunTaskPlan.For("demo", "web:3").Network with { VpcId = "vpc-main" });

        Assert.StartsWith("On: the task can pull its image from a public registry", picker.Find("[data-testid=public-ip-reason]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_public_IP_off_explains_that_the_image_cannot_be_pulled()
    {
        var picker = Picker(new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-web"], AssignPublicIp: false));

        Assert.Contains("the image cannot be pulled", picker.Find("[data-testid=public-ip-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_another_VPC_clears_the_subnets_and_groups_of_the_old_one()
    {
        NetworkPlan? changed = null;
        var picker = Picker(new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-web"]), changed: n => changed = n);

        picker.InvokeAsync(() => picker.FindComponents<MudBlazor.MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("vpc-other"));

        Assert.Equal(new NetworkPlan("vpc-other", [], []).VpcId, changed!.VpcId);
        Assert.Empty(changed.Subnets);
        Assert.Empty(changed.SecurityGroups);
    }

    [Fact]
    public void The_chosen_groups_inbound_rules_are_summarised_and_a_closed_port_is_warned_about()
    {
        var open = Picker(new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-web"]));
        Assert.Equal("web lets in: TCP 80 from 0.0.0.0/0", open.Find("[data-testid=sg-summary]").TextContent.Trim());
        Assert.Empty(open.FindAll("[data-testid=port-warning]"));

        var closed = Picker(new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-ssh"]));
        Assert.Equal("Port 80 is not open in the chosen security groups: the task will run but cannot be reached on it.",
            closed.Find("[data-testid=port-warning]").TextContent.Trim());
    }

    [Fact]
    public void A_private_subnet_with_public_IP_on_is_pointed_out()
    {
        var picker = Picker(new NetworkPlan("vpc-main", ["subnet-priv-b"], ["sg-web"]));

        Assert.Contains("subnet-priv-b is private", picker.Find("[data-testid=private-subnet-note]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_problems_show_at_the_top_and_a_role_without_run_tasks_gets_a_disabled_button()
    {
        var plan = RunTaskPlan.For("demo", "web:3") with { Count = 11, Network = new NetworkPlan("vpc-main", [], []) };
        var form = Render<RunTaskForm>(p => p
            .Add(x => x.Plan, plan)
            .Add(x => x.Clusters, ["demo"])
            .Add(x => x.Revisions, ["web:3"])
            .Add(x => x.Definition, Definition)
            .Add(x => x.Network, Network)
            .Add(x => x.Problems, RunTaskValidator.Validate(plan, Network))
            .Add(x => x.Permission, new PermissionCheck(false, "Your role (Viewer) cannot run tasks; this needs the Operator role.")));

        var problems = form.Find("[data-testid=run-problems]").TextContent;
        Assert.Contains("Count must be between 1 and 10", problems, StringComparison.Ordinal);
        Assert.Contains("Choose at least one subnet", problems, StringComparison.Ordinal);
        Assert.True(form.Find("[data-testid=run-button]").HasAttribute("disabled"));
        Assert.Contains("Run 11 tasks", form.Find("[data-testid=run-button]").TextContent, StringComparison.Ordinal);
        Assert.Contains("app (80)", form.Find("[data-testid=definition-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Typing_a_command_and_environment_becomes_the_container_override()
    {
        RunTaskPlan? changed = null;
        var plan = RunTaskPlan.For("demo", "web:3") with { Network = new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-web"]) };
        var form = Render<RunTaskForm>(p => p
            .Add(x => x.Plan, plan)
            .Add(x => x.Definition, Definition)
            .Add(x => x.Network, Network)
            .Add(x => x.PlanChanged, (RunTaskPlan v) => changed = v)
            .Add(x => x.Permission, new PermissionCheck(true, null)));

        var fields = form.FindComponents<MudBlazor.MudTextField<string>>();
        var command = fields.Single(f => f.Instance.Label == "Command");
        var env = fields.Single(f => f.Instance.Label == "Environment (NAME=value per line)");
        form.InvokeAsync(() => command.Instance.ValueChanged.InvokeAsync("python job.py --fast"));
        form.InvokeAsync(() => env.Instance.ValueChanged.InvokeAsync("MODE=batch\nLEVEL=2"));

        var o = Assert.Single(changed!.ContainerOverrides);
        Assert.Equal(["python", "job.py", "--fast"], o.Command);
        Assert.Equal(["MODE=batch", "LEVEL=2"], o.Environment.Select(e => $"{e.Name}={e.Value}"));
        Assert.False(form.Find("[data-testid=run-button]").HasAttribute("disabled"));
    }
}
