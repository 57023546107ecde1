using System.Text.Json;
using System.Text.Json.Nodes;
using Bunit;
using Bunit.TestDoubles;
using EcsConsole.Core.Access;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Live;
using EcsConsole.Core.Services;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Core.Running;
using EcsConsole.Tests.Infrastructure;
using EcsConsole.Tests.Web.Live;
using EcsConsole.Web.Components.Pages.Running;
using EcsConsole.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Running;

/// <summary>
/// The service pieces of the run feature: the create page, the actions on the live service page and
/// its deployment panel, over the real commands and a fake ECS/EC2 that answers per operation.
/// </summary>
public sealed class ServiceComponentTests : BunitContext
{
    private readonly RunningWorld _world = new();
    private readonly FakeLiveClusters _live = new();
    private readonly BunitAuthorizationContext _auth;
    private readonly IRenderedComponent<IComponent> _providers;
    private int _desired = 1;

    public ServiceComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_world.Aws.Registry);
        Services.AddSingleton(_world.Catalog);
        Services.AddSingleton(_world.Network);
        Services.AddSingleton(_world.Presets);
        Services.AddSingleton(_world.Services);
        Services.AddSingleton<ILiveClusters>(_live);
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<ConsoleLocation>();
        Services.AddScoped<CurrentUser>();
        _auth = AddAuthorization();
        SignIn(ConsoleRole.Admin);
        _providers = this.RenderMudProviders();

        _world.WithNetwork();
        _world.OnJson("ListClusters", """{"clusterArns":["arn:aws:ecs:eu-west-1:123456789012:cluster/demo"]}""");
        _world.OnJson("ListTaskDefinitions", """{"taskDefinitionArns":["arn:aws:ecs:eu-west-1:123456789012:task-definition/web:4","arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3"]}""");
        _world.OnJson("DescribeTaskDefinition", """
            {"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3","family":"web","revision":3,"status":"ACTIVE","cpu":"256","memory":"512",
              "containerDefinitions":[{"name":"app","image":"web:latest","essential":true,"portMappings":[{"containerPort":80,"protocol":"tcp"}]}]}}
            """);
        _world.On("CreateService", _ => Json(new JsonObject { ["service"] = ServiceJson() }));
        _world.On("DescribeServices", _ => Json(new JsonObject { ["services"] = new JsonArray(ServiceJson()), ["failures"] = new JsonArray() }));
        _world.On("UpdateService", r =>
        {
            if (r.Json!["desiredCount"] is { } d) _desired = (int)d;
            return Json(new JsonObject { ["service"] = ServiceJson() });
        });
        _world.On("DeleteService", _ => Json(new JsonObject { ["service"] = ServiceJson() }));
    }

    private void SignIn(ConsoleRole role)
    {
        _auth.SetAuthorized("olga@example.com");
        _auth.SetRoles(role.ToString());
    }

    private JsonObject ServiceJson() => new()
    {
        ["serviceArn"] = "arn:aws:ecs:eu-west-1:123456789012:service/demo/web", ["serviceName"] = "web", ["status"] = "ACTIVE",
        ["desiredCount"] = _desired, ["runningCount"] = _desired,
        ["deployments"] = new JsonArray(new JsonObject { ["id"] = "ecs-svc/7", ["status"] = "PRIMARY", ["taskDefinition"] = "web:3", ["desiredCount"] = _desired }),
    };

    private static HttpResponseMessage Json(JsonObject o) => RecordingHttpHandler.Json(o.ToJsonString());

    private string Conn => _world.Aws.Connection.Name;

    // ---- Create page ----

    private IRenderedComponent<ServiceCreatePage> CreatePage()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/c/test/eu-west-1/services/new?cluster=demo&taskDefinition=web:3");
        return Render<ServiceCreatePage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, AwsTestHarness.Region));
    }

    [Fact]
    public void The_create_page_fills_the_name_from_the_family_offers_the_default_vpc_and_creates_then_opens_the_live_service_page()
    {
        var page = CreatePage();
        page.WaitForAssertion(() => Assert.Equal("web", page.Find("[data-testid=service-name] input").GetAttribute("value")));

        page.Find("[data-testid=create-service]").Click();

        page.WaitForAssertion(() => Assert.Single(_world.Calls("CreateService")));
        var request = _world.Calls("CreateService").Single().Json!;
        Assert.Equal(("demo", "web", "web:3", 1), ((string?)request["cluster"], (string?)request["serviceName"], (string?)request["taskDefinition"], (int?)request["desiredCount"]));
        Assert.Equal("ENABLED", (string?)request["networkConfiguration"]!["awsvpcConfiguration"]!["assignPublicIp"]);
        Assert.Equal(["subnet-pub-a"], request["networkConfiguration"]!["awsvpcConfiguration"]!["subnets"]!.AsArray().Select(n => (string?)n));
        page.WaitForAssertion(() => Assert.EndsWith("/c/test/eu-west-1/clusters/demo/services/web", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void The_create_page_shows_a_bad_name_before_any_AWS_call()
    {
        var page = CreatePage();
        page.WaitForAssertion(() => Assert.Equal("web", page.Find("[data-testid=service-name] input").GetAttribute("value")));

        page.Find("[data-testid=service-name] input").Input("no spaces allowed");
        page.Find("[data-testid=create-service]").Click();

        page.WaitForAssertion(() => Assert.Contains("service name", page.Find("[data-testid=create-problems]").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(_world.Calls("CreateService"));
    }

    [Fact]
    public void An_operator_sees_create_disabled_with_the_reason()
    {
        SignIn(ConsoleRole.Operator);
        var page = CreatePage();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=create-service]").HasAttribute("disabled")));
        Assert.Empty(_world.Calls("CreateService"));
    }

    // ---- Service actions ----

    private IRenderedComponent<ServiceActions> Actions(int desired = 1, Action<ServiceChange?>? changed = null, Action? deleted = null)
        => Render<ServiceActions>(p => p
            .Add(x => x.Target, _world.Target)
            .Add(x => x.Cluster, "demo")
            .Add(x => x.Service, "web")
            .Add(x => x.DesiredCount, desired)
            .Add(x => x.TaskDefinition, "web:3")
            .Add(x => x.OnChanged, changed ?? (_ => { }))
            .Add(x => x.OnDeleted, deleted ?? (() => { })));

    [Fact]
    public void Scaling_sends_the_count_tells_the_page_which_deployment_to_follow_and_asks_the_watcher_to_refresh()
    {
        SignIn(ConsoleRole.Operator);
        ServiceChange? change = null;
        var actions = Actions(changed: c => change = c);
        actions.WaitForAssertion(() => Assert.False(actions.Find("[data-testid=scale-count] input").HasAttribute("disabled")));

        actions.Find("[data-testid=scale-count] input").Input("2");
        actions.Find("[data-testid=scale-button]").Click();

        actions.WaitForAssertion(() => Assert.Equal(2, (int?)_world.Calls("UpdateService").Single().Json!["desiredCount"]));
        actions.WaitForAssertion(() => Assert.Equal("ecs-svc/7", change?.DeploymentId));
        Assert.Equal(1, _live.RefreshRequests);
    }

    [Fact]
    public void An_operator_may_scale_park_and_force_but_not_deploy_a_revision_or_delete()
    {
        SignIn(ConsoleRole.Operator);
        var actions = Actions();

        actions.WaitForAssertion(() => Assert.False(actions.Find("[data-testid=park-button]").HasAttribute("disabled")));
        Assert.False(actions.Find("[data-testid=force-button]").HasAttribute("disabled"));
        Assert.True(actions.Find("[data-testid=deploy-button]").HasAttribute("disabled"));
        Assert.True(actions.Find("[data-testid=delete-button]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_viewer_can_change_nothing()
    {
        SignIn(ConsoleRole.Viewer);
        var actions = Actions();

        actions.WaitForAssertion(() => Assert.True(actions.Find("[data-testid=park-button]").HasAttribute("disabled")));
        Assert.True(actions.Find("[data-testid=force-button]").HasAttribute("disabled"));
        Assert.True(actions.Find("[data-testid=delete-button]").HasAttribute("disabled"));
        Assert.DoesNotContain(_world.Aws.Http.Requests, r => r.Operation == "UpdateService");
    }

    [Fact]
    public void Delete_asks_for_the_service_name_then_scales_to_zero_and_deletes()
    {
        var deleted = false;
        var actions = Actions(deleted: () => deleted = true);
        actions.WaitForAssertion(() => Assert.False(actions.Find("[data-testid=delete-button]").HasAttribute("disabled")));

        actions.Find("[data-testid=delete-button]").Click();
        var root = _providers;
        root.WaitForAssertion(() => Assert.True(root.Find("[data-testid=delete-confirm]").HasAttribute("disabled")));
        root.Find("[data-testid=delete-confirm-name] input").Input("wbe");
        Assert.True(root.Find("[data-testid=delete-confirm]").HasAttribute("disabled"));
        Assert.Empty(_world.Calls("DeleteService"));
        root.Find("[data-testid=delete-confirm-name] input").Input("web");
        root.Find("[data-testid=delete-confirm]").Click();

        actions.WaitForAssertion(() => Assert.True(deleted));
        Assert.Equal(["UpdateService", "DeleteService"], _world.Aws.Http.Requests.Select(r => r.Operation).Where(o => o is "UpdateService" or "DeleteService"));
    }

    [Fact]
    public void A_failed_scale_says_why_and_does_not_report_a_change()
    {
        SignIn(ConsoleRole.Operator);
        _world.On("UpdateService", _ => RecordingHttpHandler.AwsError(System.Net.HttpStatusCode.BadRequest, "ServiceNotActiveException", "Service was not ACTIVE."));
        var changes = 0;
        var actions = Actions(changed: _ => changes++);
        actions.WaitForAssertion(() => Assert.False(actions.Find("[data-testid=scale-count] input").HasAttribute("disabled")));

        actions.Find("[data-testid=scale-count] input").Input("3");
        actions.Find("[data-testid=scale-button]").Click();

        var snackbar = _providers;
        snackbar.WaitForAssertion(() => Assert.Contains("Service was not ACTIVE", snackbar.Markup, StringComparison.Ordinal));
        Assert.Equal(0, changes);
    }

    // ---- Deployment panel (fed by the watcher's service and tasks) ----

    private static EcsServiceSummary Watched(string deployments, int desired, int running, int pending = 0)
        => EcsServiceMapper.ToSummary(JsonSerializer.Deserialize<Service>($$"""
            {"serviceName":"web","status":"ACTIVE","desiredCount":{{desired}},"runningCount":{{running}},"pendingCount":{{pending}},"deployments":{{deployments}}}
            """, AwsJson.Options)!);

    private IRenderedComponent<DeploymentPanel> Panel(EcsServiceSummary service, IEnumerable<EcsTaskDetail>? tasks = null, string? id = null)
        => Render<DeploymentPanel>(p => p.Add(x => x.Service, service).Add(x => x.Tasks, tasks ?? []).Add(x => x.DeploymentId, id));

    [Fact]
    public void The_panel_shows_a_rollout_in_progress_with_its_counts_and_then_completed_on_a_live_update()
    {
        var panel = Panel(Watched("""[{"id":"ecs-svc/new","status":"PRIMARY","taskDefinition":"web:4","desiredCount":2,"runningCount":1,"pendingCount":1,"rolloutState":"IN_PROGRESS"},{"id":"ecs-svc/old","status":"ACTIVE","taskDefinition":"web:3","desiredCount":2,"runningCount":2,"rolloutState":"COMPLETED"}]""", 2, 3, 1));

        Assert.Equal("in progress", panel.Find("[data-testid=deployment-state]").TextContent.Trim());
        Assert.Equal("Deploying web:4: 1 of 2 running, 1 pending, 2 old tasks still running.", panel.Find("[data-testid=deployment-headline]").TextContent.Trim());

        panel.Render(p => p.Add(x => x.Service, Watched("""[{"id":"ecs-svc/new","status":"PRIMARY","taskDefinition":"web:4","desiredCount":2,"runningCount":2,"rolloutState":"COMPLETED"}]""", 2, 2)));

        Assert.Equal("completed", panel.Find("[data-testid=deployment-state]").TextContent.Trim());
        Assert.Equal("Deployment completed: 2 of 2 tasks run web:4.", panel.Find("[data-testid=deployment-headline]").TextContent.Trim());
    }

    [Fact]
    public void A_failed_deployment_shows_its_stopped_tasks_explained()
    {
        var tasks = EcsTaskMapper.ToDetails(JsonSerializer.Deserialize<List<EcsTask>>("""
            [{"taskArn":"arn:aws:ecs:eu-west-1:1:task/demo/t1","lastStatus":"STOPPED","desiredStatus":"STOPPED","startedBy":"ecs-svc/new","stopCode":"TaskFailedToStart","stoppedReason":"CannotPullContainerError: pull access denied"}]
            """, AwsJson.Options));

        var panel = Panel(Watched("""[{"id":"ecs-svc/new","status":"PRIMARY","taskDefinition":"web:4","desiredCount":1,"runningCount":0,"failedTasks":1,"rolloutState":"FAILED","rolloutStateReason":"ECS deployment circuit breaker: tasks failed to start."}]""", 1, 0), tasks, "ecs-svc/new");

        Assert.Equal("failed", panel.Find("[data-testid=deployment-state]").TextContent.Trim());
        Assert.Contains("No rollback is configured", panel.Find("[data-testid=deployment-headline]").TextContent, StringComparison.Ordinal);
        var failed = panel.Find("[data-testid=failed-task]").TextContent;
        Assert.Contains("Task t1: CannotPullContainerError: pull access denied.", failed, StringComparison.Ordinal);
        Assert.Contains("could not be pulled", failed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_the_circuit_breaker_rolled_back_says_so()
    {
        var panel = Panel(Watched("""[{"id":"ecs-svc/back","status":"PRIMARY","taskDefinition":"web:3","desiredCount":2,"runningCount":2,"rolloutState":"COMPLETED"},{"id":"ecs-svc/new","status":"ACTIVE","taskDefinition":"web:4","desiredCount":0,"runningCount":0,"failedTasks":3,"rolloutState":"FAILED","rolloutStateReason":"ECS deployment circuit breaker: tasks failed to start."}]""", 2, 2), id: "ecs-svc/new");

        Assert.Equal("rolled back", panel.Find("[data-testid=deployment-state]").TextContent.Trim());
        Assert.Equal("The deployment of web:4 failed and was rolled back to web:3 (ECS deployment circuit breaker: tasks failed to start).", panel.Find("[data-testid=deployment-headline]").TextContent.Trim());
    }

    protected override void Dispose(bool disposing)
    {
        // RunningWorld only closes its in-memory database and fake HTTP: nothing to await for long.
        if (disposing) _world.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }
}
