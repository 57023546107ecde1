using EcsConsole.Tests.E2E.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Running;

/// <summary>The Fargate tutorial on the sandbox, in Chromium: run the FastAPI task and open it; then a service's life.</summary>
[Collection(E2ECollection.Name)]
public sealed class RunAndServiceFlowTests(ConsoleAppFixture app)
{
    private const string Base = "c/sandbox/us-east-1";

    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 60_000 };

    private static Regex Count(string label, int n) => new($@"^\s*{label}\s*{n}\s*$");

    [Fact]
    public async Task Run_the_FastAPI_task_from_the_cluster_open_its_address_and_stop_it_on_its_live_page()
    {
        var page = await app.OpenAsync($"/{Base}/clusters/demo", width: 1400, height: 1000);
        var run = page.GetByTestId("run-task-link");
        await Assertions.Expect(run).ToHaveAttributeAsync("href", $"/{Base}/run?cluster=demo");
        await page.GotoAsync($"/{Base}/run?cluster=demo&taskDefinition=fastapi-demo:1");
        await page.WaitForSelectorAsync("body[data-interactive=true]");
        await Assertions.Expect(page.GetByTestId("definition-summary")).ToContainTextAsync("app (80)");
        await Assertions.Expect(page.GetByTestId("public-ip-reason")).ToContainTextAsync("On: the task can pull its image");

        // Nothing was run here before: the default VPC's public subnets and default group are offered.
        await Assertions.Expect(page.GetByTestId("sg-summary").First).ToContainTextAsync("TCP 80 from 0.0.0.0/0");
        await Assertions.Expect(page.GetByTestId("run-button")).ToBeEnabledAsync();
        await ConsoleAppFixture.ScreenshotAsync(page, "run-wide-light");
        await page.GetByTestId("run-button").ClickAsync();

        // One task started: its live page follows it from PROVISIONING to RUNNING.
        await page.WaitForURLAsync("**/clusters/demo/tasks/*");
        var taskId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Assertions.Expect(page.Locator("[data-testid=status-chip]").First).ToHaveAttributeAsync("data-status", "RUNNING", new() { Timeout = 60_000 });
        var link = page.GetByTestId("public-ip-link").First;
        await link.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Matches(@"^http://203\.0\.113\.\d+/$", await link.GetAttributeAsync("data-shown"));
        await Assertions.Expect(page.GetByTestId("public-ip-link").Nth(1)).ToHaveAttributeAsync("data-shown", new Regex("/docs$"));
        await ConsoleAppFixture.ScreenshotAsync(page, "run-started-wide-light");
        await page.GetByTestId("check-endpoint").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-result").First).ToContainTextAsync("Answered 200");

        var opened = await page.Context.NewPageAsync();
        await opened.GotoAsync((await link.GetAttributeAsync("href"))!);
        Assert.Contains("""{"Hello":"World"}""", await opened.InnerTextAsync("body"), StringComparison.Ordinal);
        await opened.CloseAsync();

        await page.GetByTestId("stop-task").ClickAsync();
        await page.GetByTestId("confirm-stop").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stop-dialog")).ToContainTextAsync("Say why the task is being stopped");
        await page.GetByTestId("stop-reason").FillAsync("E2E: the tutorial task is done");
        await page.GetByTestId("confirm-stop").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "is stopping" })).ToContainTextAsync($"Task {taskId} is stopping.");
        await Assertions.Expect(page.Locator("[data-testid=status-chip]").First).ToHaveAttributeAsync("data-status", "STOPPED", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("stop-explanation")).ToContainTextAsync("E2E: the tutorial task is done");
        await Assertions.Expect(page.GetByTestId("run-again")).ToHaveAttributeAsync("href", new Regex($"/run\\?cluster=demo&taskDefinition=fastapi-demo%3A1&fromTask={taskId}$"));
    }

    [Fact]
    public async Task Create_a_one_replica_service_from_the_cluster_then_scale_park_unpark_and_delete_it_on_its_page()
    {
        var page = await app.OpenAsync($"/{Base}/clusters/demo", width: 1400, height: 1000);
        await Assertions.Expect(page.GetByTestId("create-service-link")).ToHaveAttributeAsync("href", $"/{Base}/services/new?cluster=demo");
        await page.GotoAsync($"/{Base}/services/new?cluster=demo&taskDefinition=fastapi-demo:1");
        await page.WaitForSelectorAsync("body[data-interactive=true]");
        await Assertions.Expect(page.GetByTestId("create-service")).ToBeEnabledAsync();
        await page.GetByTestId("service-name").Locator("input").FillAsync("e2e-web");
        await ConsoleAppFixture.ScreenshotAsync(page, "service-new-wide-light");
        await page.GetByTestId("create-service").ClickAsync();

        // The live service page, fed by the cluster's shared watcher.
        await page.WaitForURLAsync("**/clusters/demo/services/e2e-web");
        await Assertions.Expect(page.GetByTestId("deployment-state")).ToHaveTextAsync("completed", Slow);
        await Assertions.Expect(page.GetByTestId("count-running")).ToHaveTextAsync(Count("Running", 1), Slow);

        await page.GetByTestId("scale-count").Locator("input").FillAsync("2");
        await page.GetByTestId("scale-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("count-running")).ToHaveTextAsync(Count("Running", 2), Slow);
        await Assertions.Expect(page.GetByTestId("deployment-state")).ToHaveTextAsync("completed", Slow);
        await ConsoleAppFixture.ScreenshotAsync(page, "service-scaled-wide-light");

        await page.GetByTestId("park-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("count-desired")).ToHaveTextAsync(Count("Desired", 0), Slow);
        await Assertions.Expect(page.GetByTestId("count-running")).ToHaveTextAsync(Count("Running", 0), Slow);
        await Assertions.Expect(page.GetByTestId("unpark-button")).ToHaveTextAsync("Unpark (2)");
        await page.GetByTestId("unpark-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("count-running")).ToHaveTextAsync(Count("Running", 2), Slow);

        await page.SetViewportSizeAsync(420, 900);
        await ConsoleAppFixture.ScreenshotAsync(page, "service-narrow-light");
        await page.SetViewportSizeAsync(1400, 1000);

        await page.GetByTestId("delete-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delete-confirm")).ToBeDisabledAsync();
        await page.GetByTestId("delete-confirm-name").Locator("input").FillAsync("e2e-web");
        await page.GetByTestId("delete-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Deleted service e2e-web");
        await page.WaitForURLAsync("**/clusters/demo");
    }

    [Fact]
    public async Task The_run_page_works_on_a_phone_in_dark_mode_with_the_demo_network_offered()
    {
        var page = await app.OpenAsync($"/{Base}/run?cluster=demo&taskDefinition=fastapi-demo:1", width: 400, height: 860,
            colorScheme: ColorScheme.Dark);

        await Assertions.Expect(page.GetByTestId("definition-summary")).ToContainTextAsync("fastapi-demo:1");
        await Assertions.Expect(page.GetByTestId("vpc-select")).ToContainTextAsync("default");
        await Assertions.Expect(page.GetByTestId("sg-summary").First).ToContainTextAsync("TCP 80 from 0.0.0.0/0");
        await ConsoleAppFixture.ScreenshotAsync(page, "run-narrow-dark");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The run page must not scroll sideways on a phone.");
    }
}
