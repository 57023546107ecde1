using Bunit;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Costs;
using EcsConsole.Core.TaskDefinitions;
using EcsConsole.Tests.Core.TaskDefinitions;
using EcsConsole.Web.Components.Pages.TaskDefinitions;
using EcsConsole.Web.Components.Pages.TaskDefinitions.Wizard;
using EcsConsole.Web.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.TaskDefinitions;

public sealed class TaskDefinitionComponentTests : BunitContext
{
    private readonly TaskDefinitionTestHost _host = new();

    public TaskDefinitionComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_host.Services.GetRequiredService<ConnectionRegistry>());
        Services.AddSingleton(_host.TaskDefinitions);
        Services.AddSingleton(_host.Drafts);
        Services.AddSingleton(_host.Services.GetRequiredService<FargatePriceCalculator>());
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<ConsoleLocation>();
        Services.AddScoped<CurrentUser>();
        var auth = AddAuthorization();
        auth.SetAuthorized("ada@example.com");
        auth.SetRoles("Admin");
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _host.DisposeAsync();
    }

    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    [Fact]
    public void TheWizardDoesNotAdvancePastAStepWithErrorsAndSaysWhyAtTheField()
    {
        Render<MudPopoverProvider>();
        var cut = Render<TaskDefinitionWizardPage>(p => p.Add(x => x.Conn, "test").Add(x => x.Region, "us-east-1"));
        cut.WaitForElement("[data-testid=wizard-next]");

        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enter a family name.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(Input("container-name")));

        cut.Find(Input("family")).Input("fastapi");
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(Input("container-name"))));

        // The containers step: an empty image keeps the wizard here, with the message at the image field.
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enter an image", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=cpu-option]"));

        cut.Find(Input("container-name")).Input("app");
        cut.Find(Input("container-image")).Input("nginx:1.27");
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=cpu-option]")));

        cut.Find("[data-testid=wizard-back]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(Input("container-name"))));
    }

    [Fact]
    public void AnImportedTaskDefinitionFillsTheWizardAndTheReviewShowsTheExactJson()
    {
        Render<MudPopoverProvider>();
        var cut = Render<TaskDefinitionWizardPage>(p => p.Add(x => x.Conn, "test").Add(x => x.Region, "us-east-1"));
        cut.WaitForElement("[data-testid=wizard-next]");
        var json = TaskDefinitionJson.Canonical(TaskDefinitionDraftConverter.ToSpec(Drafts.FastApi(), "us-east-1"));
        cut.Find("[data-testid=import-json] textarea, textarea[data-testid=import-json]").Change(json);
        cut.Find("[data-testid=import-button]").Click();
        cut.WaitForAssertion(() => Assert.Contains("It passes every check", cut.Find("[data-testid=import-note]").TextContent, StringComparison.Ordinal));

        for (var i = 0; i < 5; i++) cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal(json, cut.Find("[data-testid=json]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=wizard-register]"));
    }

    [Fact]
    public void TheSizeTableOffersOnlyValidPairsAndKeepsMemoryValidWhenCpuChanges()
    {
        var draft = Drafts.FastApi();
        var cut = Render<TaskSizeStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Validation, TaskDefinitionValidator.Validate(draft)).Add(x => x.Region, "us-east-1"));

        Assert.Equal(["0.25 vCPU", "0.5 vCPU", "1 vCPU", "2 vCPU", "4 vCPU", "8 vCPU", "16 vCPU"], cut.FindAll("[data-testid=cpu-option]").Select(b => b.TextContent.Trim()));
        Assert.Equal(["0.5 GB", "1 GB", "2 GB"], cut.FindAll("[data-testid=memory-option]").Select(b => b.TextContent.Trim()));
        Assert.Contains("$0.0123 per hour", cut.Find("[data-testid=price-hour]").TextContent, StringComparison.Ordinal);

        cut.FindAll("[data-testid=cpu-option]").Single(b => b.GetAttribute("data-value") == "1024").Click();
        Assert.Equal((1024, 2048), (draft.Cpu, draft.Memory));
        Assert.Equal(7, cut.FindAll("[data-testid=memory-option]").Count);
    }

    [Fact]
    public void WindowsTasksStartAtOneVcpu()
    {
        var draft = Drafts.FastApi();
        draft.OperatingSystemFamily = "WINDOWS_SERVER_2022_CORE";
        var cut = Render<TaskSizeStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Validation, TaskDefinitionValidator.Validate(draft)).Add(x => x.ShowErrors, true));
        Assert.Equal(["1 vCPU", "2 vCPU", "4 vCPU"], cut.FindAll("[data-testid=cpu-option]").Select(b => b.TextContent.Trim()));
        Assert.Contains("at least 1 vCPU", cut.Find("[data-testid=cpu-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReviewOfANewRevisionShowsWhatChanged()
    {
        var before = Drafts.FastApi();
        var after = Drafts.FastApi();
        after.Containers[0].Environment[0].Value = "bonjour";
        after.BasedOn = "fastapi:1";
        string Json(TaskDefinitionDraft d) => TaskDefinitionJson.Canonical(TaskDefinitionDraftConverter.ToSpec(d, "us-east-1"));
        var cut = Render<SideBySideDiff>(p => p.Add(x => x.Left, Json(before)).Add(x => x.Right, Json(after)));
        Assert.Contains("\"value\": \"hello\"", cut.Find(".td-diff-removed").TextContent, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"bonjour\"", cut.Find(".td-diff-added").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretLookingValuesAreMaskedUntilRevealed()
    {
        var cut = Render<EnvironmentTable>(p => p
            .Add(x => x.Variables, [new EnvironmentVariable("GREETING", "hello"), new EnvironmentVariable("DB_PASSWORD", "hunter2")])
            .Add(x => x.Secrets, [new SecretReference("API_KEY", "arn:aws:ssm:us-east-1:123456789012:parameter/api")])
            .Add(x => x.CanReveal, true));
        Assert.Equal(["hello", SecretNames.Mask], cut.FindAll("[data-testid=env-value]").Select(e => e.TextContent));
        Assert.DoesNotContain("hunter2", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("parameter/api", cut.Find("[data-testid=secret-row]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=reveal]").Click();
        Assert.Equal("hunter2", cut.FindAll("[data-testid=env-value]")[1].TextContent);
    }

    [Fact]
    public void AViewerCannotReveal()
    {
        var cut = Render<EnvironmentTable>(p => p.Add(x => x.Variables, [new EnvironmentVariable("TOKEN", "t0k")]).Add(x => x.CanReveal, false));
        Assert.True(cut.Find("[data-testid=reveal]").HasAttribute("disabled"));
        Assert.DoesNotContain("t0k", cut.Markup, StringComparison.Ordinal);
    }
}
