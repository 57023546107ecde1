using EcsConsole.Tests.E2E.Access;
using EcsConsole.Tests.Web.Access;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.TaskDefinitions;

/// <summary>The tutorial's FastAPI task definition made through the wizard on the sandbox, then changed and compared.</summary>
public sealed class TaskDefinitionWizardFlowTests : IAsyncLifetime
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "ecsconsole-shots", "taskdefs");

    private readonly TestConsoleApp _app = new(kestrel: true, settings: new Dictionary<string, string?>
    {
        ["Sandbox:Enabled"] = "true",
        ["Sandbox:Port"] = "0",
        ["Sandbox:ServeApps"] = "false",
        ["Sandbox:Persist"] = "false",
        ["Sandbox:Seed"] = "false",
    });

    private Chromium _chromium = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Shots);
        _chromium = await Chromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea").First;

    private static async Task ShotAsync(IPage page, string name) => await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}.png"), FullPage = true });

    private static async Task NextAsync(IPage page) => await page.GetByTestId("wizard-next").ClickAsync();

    [Fact]
    public async Task The_admin_creates_the_FastAPI_task_definition_then_a_second_revision_and_sees_the_diff()
    {
        var context = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        const string basePath = "c/sandbox/us-east-1/task-definitions";
        await page.SignInAsync(_app.ServerAddress, TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword, $"/{basePath}/new");

        // Family: an invalid name is stopped at the field before anything is sent.
        await Field(page, "family").FillAsync("fastapi e2e");
        await NextAsync(page);
        await Assertions.Expect(page.GetByText("Use up to 255 letters, digits, hyphens (-) and underscores (_).")).ToBeVisibleAsync();
        await Field(page, "family").FillAsync("fastapi-e2e");
        await ShotAsync(page, "1-family");
        await NextAsync(page);

        // Containers
        await Field(page, "container-name").FillAsync("app");
        await Field(page, "container-image").FillAsync("public.ecr.aws/docker/library/python:3.12");
        await page.GetByTestId("add-port").ClickAsync();
        await Field(page, "container-port").FillAsync("80");
        await page.GetByTestId("paste-env").ClickAsync();
        await Field(page, "dotenv-text").FillAsync("GREETING=hello\nAPI_TOKEN=abc123");
        await page.GetByTestId("dotenv-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("env-row")).ToHaveCountAsync(2);
        await Field(page, "container-command").FillAsync("uvicorn main:app --host 0.0.0.0 --port 80");
        await ShotAsync(page, "2-containers");
        await NextAsync(page);

        // Task size: 0.25 vCPU / 0.5 GB is the default; the price is shown.
        await Assertions.Expect(page.GetByTestId("price-hour")).ToContainTextAsync("per hour");
        await Assertions.Expect(page.Locator("[data-testid=memory-option]")).ToHaveCountAsync(3);
        await ShotAsync(page, "3-size");
        await NextAsync(page);

        // Roles: awslogs needs the execution role.
        await NextAsync(page);
        await Assertions.Expect(page.GetByText("A task execution role is required because the containers send logs to CloudWatch (awslogs).")).ToBeVisibleAsync();
        await Field(page, "execution-role").FillAsync("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
        await ShotAsync(page, "4-roles");
        await NextAsync(page);

        // Logging defaults, then review.
        await Assertions.Expect(page.GetByText("Empty = /ecs/fastapi-e2e")).ToBeVisibleAsync();
        await ShotAsync(page, "5-logging");
        await NextAsync(page);
        await Assertions.Expect(page.GetByTestId("json")).ToContainTextAsync("\"awslogs-group\": \"/ecs/fastapi-e2e\"");
        await ShotAsync(page, "6-review");
        await page.GetByTestId("wizard-register").ClickAsync();

        await page.WaitForURLAsync($"**/{basePath}/fastapi-e2e/1");
        await Assertions.Expect(page.GetByTestId("revision-title")).ToHaveTextAsync("fastapi-e2e:1");
        await Assertions.Expect(page.GetByTestId("task-size")).ToHaveTextAsync("0.25 vCPU, 0.5 GB");
        await Assertions.Expect(page.GetByTestId("run-task")).ToHaveAttributeAsync("href", "/c/sandbox/us-east-1/run?taskDefinition=fastapi-e2e%3A1");
        // Secret-looking values are masked until revealed.
        await Assertions.Expect(page.GetByTestId("env-value").Nth(1)).ToHaveTextAsync("••••••••");
        await ShotAsync(page, "7-revision");

        // A second revision with a changed variable.
        await page.GetByTestId("new-revision").ClickAsync();
        await page.WaitForURLAsync($"**/{basePath}/fastapi-e2e/1/new-revision");
        await page.WaitForSelectorAsync("[data-testid=wizard-next]");
        await NextAsync(page);
        await page.Locator("input[data-testid=env-value], [data-testid=env-value] input").First.FillAsync("bonjour");
        for (var i = 0; i < 4; i++) await NextAsync(page);
        await page.GetByText("Changes from fastapi-e2e:1").ClickAsync();
        await Assertions.Expect(page.GetByTestId("diff")).ToContainTextAsync("bonjour");
        await ShotAsync(page, "8-review-diff");
        await page.GetByTestId("wizard-register").ClickAsync();

        await page.WaitForURLAsync($"**/{basePath}/fastapi-e2e/2");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Compare" }).ClickAsync();
        var diff = page.GetByTestId("diff");
        await Assertions.Expect(diff).ToContainTextAsync("\"value\": \"hello\"");
        await Assertions.Expect(diff).ToContainTextAsync("\"value\": \"bonjour\"");
        await ShotAsync(page, "9-revision-diff-wide");

        // Narrow and dark, for the eye.
        var dark = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 400, Height = 850 }, ColorScheme = ColorScheme.Dark });
        var narrow = await dark.NewPageAsync();
        await narrow.SignInAsync(_app.ServerAddress, TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword, $"/{basePath}/fastapi-e2e/2");
        await Assertions.Expect(narrow.GetByTestId("task-size")).ToBeVisibleAsync();
        await ShotAsync(narrow, "10-revision-narrow-dark");
        await narrow.GotoAsync(new Uri(_app.ServerAddress, $"{basePath}/new").ToString());
        await narrow.WaitForSelectorAsync("[data-testid=wizard-next]");
        await ShotAsync(narrow, "11-wizard-narrow-dark");
        await NextAsync(narrow);
        await NextAsync(narrow);
        await ShotAsync(narrow, "12-wizard-containers-errors-narrow-dark");

        Assert.Empty(problems);
    }
}
