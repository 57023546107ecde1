using EcsConsole.Core.Access;
using EcsConsole.Tests.E2E.Infrastructure;
using EcsConsole.Tests.Web.Access;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Live;

/// <summary>Roles on the live task page: a viewer sees why Stop is disabled; an operator stops a task and it shows in Activity.</summary>
[Collection(E2ECollection.Name)]
public sealed class RoleStopFlowTests(ConsoleAppFixture app)
{
    private const string Tasks = "/c/sandbox/us-east-1/clusters/demo?tab=tasks";
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private static async Task<string> OpenARunningTaskAsync(IPage page)
    {
        var row = page.GetByTestId("tasks-table").Locator("tbody tr").Filter(new() { Has = page.Locator("[data-status=RUNNING]") }).First;
        await Assertions.Expect(row).ToContainTextAsync("fastapi-demo", Slow);
        await row.GetByTestId("task-link").ClickAsync();
        await page.WaitForURLAsync("**/tasks/*");
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    [Fact]
    public async Task A_viewer_sees_Stop_disabled_with_the_reason_and_an_operator_stops_a_task_that_shows_in_Activity()
    {
        await app.Services.CreateAccountAsync("viewer.live@example.test", ConsoleRole.Viewer, "viewer-password-live-1");
        await app.Services.CreateAccountAsync("operator.live@example.test", ConsoleRole.Operator, "operator-password-live-1");

        var viewer = await app.OpenAsync(Tasks, 1400, 900, email: "viewer.live@example.test", password: "viewer-password-live-1");
        await OpenARunningTaskAsync(viewer);
        var stop = viewer.GetByTestId("stop-task");
        await Assertions.Expect(stop).ToBeDisabledAsync();
        await Assertions.Expect(viewer.GetByTestId("run-again")).ToBeDisabledAsync();
        // The tooltip around the disabled button says why.
        await stop.Locator("xpath=..").HoverAsync(new() { Force = true });
        await Assertions.Expect(viewer.Locator(".mud-tooltip.mud-popover-open")).ToContainTextAsync("Your role (Viewer) cannot stop tasks");
        await ConsoleAppFixture.ScreenshotAsync(viewer, "live-task-viewer");

        var op = await app.OpenAsync(Tasks, 1400, 900, email: "operator.live@example.test", password: "operator-password-live-1");
        var taskId = await OpenARunningTaskAsync(op);
        await op.GetByTestId("stop-task").ClickAsync();
        await op.GetByTestId("stop-reason").FillAsync("E2E: operator stop");
        await op.GetByTestId("confirm-stop").ClickAsync();
        await Assertions.Expect(op.Locator(".mud-snackbar").Filter(new() { HasText = "is stopping" })).ToContainTextAsync($"Task {taskId} is stopping.");
        await Assertions.Expect(op.Locator("[data-testid=status-chip]").First).ToHaveAttributeAsync("data-status", "STOPPED", new() { Timeout = 30_000 });

        var admin = await app.OpenAsync("/activity");
        var row = admin.GetByTestId("audit-row").Filter(new() { HasText = "StopTask" }).Filter(new() { HasText = "operator.live@example.test" });
        await Assertions.Expect(row.First).ToContainTextAsync(taskId);
        await Assertions.Expect(row.First).ToContainTextAsync("E2E: operator stop");
        await Assertions.Expect(row.First.GetByTestId("audit-outcome")).ToHaveTextAsync("Succeeded");
    }
}
