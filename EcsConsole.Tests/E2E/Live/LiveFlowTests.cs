using EcsConsole.Tests.E2E.Infrastructure;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Live;

/// <summary>The live console in Chromium against the real app with the sandbox account behind it.</summary>
[Collection(E2ECollection.Name)]
public sealed class LiveFlowTests(ConsoleAppFixture app)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private static Task ShotAsync(IPage page, string name) => ConsoleAppFixture.ScreenshotAsync(page, "live-" + name);

    [Fact]
    public async Task An_admin_opens_a_running_task_sees_its_public_ip_stops_it_and_finds_it_in_history()
    {
        var page = await app.OpenAsync("/c/sandbox/us-east-1/clusters", 1400, 900);
        var demo = page.GetByTestId("cluster-link").GetByText("demo", new() { Exact = true });
        await Assertions.Expect(demo).ToBeVisibleAsync();
        await ShotAsync(page, "clusters-wide-light");

        await demo.ClickAsync();
        await page.WaitForURLAsync("**/clusters/demo");
        await Assertions.Expect(page.GetByTestId("services-table")).ToContainTextAsync("fastapi-demo-service");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Tasks") }).ClickAsync();
        var runningRow = page.GetByTestId("tasks-table").Locator("tbody tr").Filter(new() { Has = page.Locator("[data-status=RUNNING]") }).First;
        await Assertions.Expect(runningRow.GetByTestId("public-ip-link").First).ToContainTextAsync("203.0.113.", Slow);
        await ShotAsync(page, "cluster-tasks-wide-light");

        await runningRow.GetByTestId("task-link").ClickAsync();
        await page.WaitForURLAsync("**/tasks/*");
        var taskId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Assertions.Expect(page.GetByTestId("task-public-ip")).ToContainTextAsync("203.0.113.");
        await Assertions.Expect(page.GetByTestId("public-ip-link").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^http://127\\.0\\.0\\.1:\\d+/_sandbox/apps/203\\.0\\.113\\.\\d+/\\d+/$"));
        await ShotAsync(page, "task-running");

        await page.GetByTestId("stop-task").ClickAsync();
        var dialog = page.GetByTestId("stop-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("fastapi-demo-service");
        await Assertions.Expect(page.GetByTestId("service-warning")).ToContainTextAsync("ECS will start a replacement");
        await page.GetByTestId("confirm-stop").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Say why the task is being stopped");
        await page.GetByTestId("stop-reason").FillAsync("E2E: checking the stop flow");
        await ShotAsync(page, "stop-dialog");
        await page.GetByTestId("confirm-stop").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Task {taskId} is stopping.");
        await Assertions.Expect(page.Locator("[data-testid=status-chip]").First).ToHaveAttributeAsync("data-status", "STOPPED", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("stop-explanation")).ToContainTextAsync("Someone stopped the task: Stopped by admin@example.test via EcsConsole: E2E: checking the stop flow");
        await ShotAsync(page, "task-stopped");

        await page.GotoAsync("/c/sandbox/us-east-1/clusters/demo?tab=history");
        await Assertions.Expect(page.GetByTestId("history-table")).ToContainTextAsync(taskId[..12], Slow);
        await Assertions.Expect(page.GetByTestId("history-table")).ToContainTextAsync("UserInitiated");
        await ShotAsync(page, "history");
    }

    [Theory]
    [InlineData(1400, ColorScheme.Light, "wide-light")]
    [InlineData(1400, ColorScheme.Dark, "wide-dark")]
    [InlineData(420, ColorScheme.Light, "narrow-light")]
    [InlineData(420, ColorScheme.Dark, "narrow-dark")]
    public async Task The_cluster_and_service_pages_render_in_every_size_and_theme(int width, ColorScheme scheme, string name)
    {
        var page = await app.OpenAsync("/c/sandbox/us-east-1/clusters/demo?tab=tasks", width, 900, scheme);
        await Assertions.Expect(page.GetByTestId("tasks-table")).ToContainTextAsync("fastapi-demo:", Slow);
        await ShotAsync(page, "cluster-tasks-" + name);

        await page.GotoAsync("/c/sandbox/us-east-1/clusters/demo/services/fastapi-demo-service");
        await Assertions.Expect(page.GetByTestId("count-desired")).ToContainTextAsync("1", Slow);
        await Assertions.Expect(page.GetByTestId("deployments-table")).ToContainTextAsync("PRIMARY");
        await ShotAsync(page, "service-" + name);
    }
}
