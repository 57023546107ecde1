using EcsConsole.Tests.E2E.Infrastructure;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Running;

/// <summary>The Fargate tutorial on the sandbox, in Chromium: run the FastAPI task and open it; then a service's life.</summary>
[Collection(E2ECollection.Name)]
public sealed class RunAndServiceFlowTests(ConsoleAppFixture app)
{
    private const string Base = "c/sandbox/us-east-1";

    [Fact]
    public async Task Run_the_FastAPI_task_open_its_address_then_create_scale_park_unpark_and_delete_a_service()
    {
        var page = await app.OpenAsync($"/{Base}/run?cluster=demo&taskDefinition=fastapi-demo:1", width: 1400, height: 1000);
        await Assertions.Expect(page.GetByTestId("definition-summary")).ToContainTextAsync("app (80)");
        await Assertions.Expect(page.GetByTestId("public-ip-reason")).ToContainTextAsync("On: the task can pull its image");

        // Nothing was run here before: the default VPC's public subnets and default group are offered.
        await Assertions.Expect(page.GetByTestId("sg-summary").First).ToContainTextAsync("TCP 80 from 0.0.0.0/0");
        await Assertions.Expect(page.GetByTestId("run-button")).ToBeEnabledAsync();
        await ConsoleAppFixture.ScreenshotAsync(page, "run-wide-light");
        await page.GetByTestId("run-button").ClickAsync();

        var link = page.GetByTestId("endpoint-link").First;
        await link.WaitForAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("launched-status").First).ToHaveTextAsync("RUNNING", new() { Timeout = 60_000 });
        Assert.Matches(@"^http://203\.0\.113\.\d+/$", await link.GetAttributeAsync("data-shown"));
        await ConsoleAppFixture.ScreenshotAsync(page, "run-started-wide-light");
        await page.GetByTestId("check-endpoint").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-result").First).ToContainTextAsync("Answered 200");

        var opened = await page.Context.NewPageAsync();
        await opened.GotoAsync((await link.GetAttributeAsync("href"))!);
        Assert.Contains("""{"Hello":"World"}""", await opened.InnerTextAsync("body"), StringComparison.Ordinal);
        await opened.CloseAsync();

        // The service: the preset remembered from the run fills the network.
        await page.GotoAsync($"/{Base}/services/new?cluster=demo&taskDefinition=fastapi-demo:1");
        await page.WaitForSelectorAsync("body[data-interactive=true]");
        await Assertions.Expect(page.GetByTestId("preset-note")).ToContainTextAsync("Using the network last used for fastapi-demo");
        await page.GetByTestId("service-name").Locator("input").FillAsync("e2e-web");
        await ConsoleAppFixture.ScreenshotAsync(page, "service-new-wide-light");
        await page.GetByTestId("create-service").ClickAsync();
        await page.WaitForURLAsync("**/services/e2e-web/manage");
        await Assertions.Expect(page.GetByTestId("deployment-state")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });

        await page.GetByTestId("scale-count").Locator("input").FillAsync("2");
        await page.GetByTestId("scale-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("service-counts")).ToHaveTextAsync("Desired 2 · running 2 · pending 0", new() { Timeout = 60_000 });
        await ConsoleAppFixture.ScreenshotAsync(page, "service-scaled-wide-light");

        await page.GetByTestId("park-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("service-counts")).ToHaveTextAsync("Desired 0 · running 0 · pending 0", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("unpark-button")).ToHaveTextAsync("Unpark (2)");
        await page.GetByTestId("unpark-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("service-counts")).ToHaveTextAsync("Desired 2 · running 2 · pending 0", new() { Timeout = 60_000 });

        await page.SetViewportSizeAsync(420, 900);
        await ConsoleAppFixture.ScreenshotAsync(page, "service-narrow-light");
        await page.SetViewportSizeAsync(1400, 1000);

        await page.GetByTestId("delete-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delete-confirm")).ToBeDisabledAsync();
        await page.GetByTestId("delete-confirm-name").Locator("input").FillAsync("e2e-web");
        await page.GetByTestId("delete-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Deleted service e2e-web");
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
