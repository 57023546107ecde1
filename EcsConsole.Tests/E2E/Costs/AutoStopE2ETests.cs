using EcsConsole.Core.Audit;
using EcsConsole.Tests.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EcsConsole.Tests.E2E.Costs;

[Collection(E2ECollection.Name)]
public sealed class AutoStopE2ETests(ConsoleAppFixture app)
{
    private const string Base = "/c/sandbox/us-east-1";

    [Fact]
    public async Task ATaskRunWithAOneMinuteTimeToLiveStopsByItself()
    {
        var page = await app.OpenAsync($"{Base}/run?cluster=demo&taskDefinition=fastapi-demo:1");
        await Expect(page.Locator("[data-testid=run-button]")).ToBeVisibleAsync();

        // The network: the first subnet of the default VPC.
        await page.ClickAsync("[data-testid=subnet-select]");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.ClickAsync("[data-testid=ttl-mode]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Stop after … minutes" }).ClickAsync();
        await page.FillAsync("input[data-testid=ttl-minutes]", "1");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("[data-testid=ttl-summary]")).ToContainTextAsync("stops");
        await ConsoleAppFixture.ScreenshotAsync(page, "run-ttl-1280-light");

        // Run goes straight to the new task's live page.
        await page.ClickAsync("[data-testid=run-button]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/clusters/demo/tasks/[0-9a-f]+$"), new() { Timeout = 60_000 });
        var taskId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(page.Locator("[data-testid=auto-stop-countdown]")).ToContainTextAsync("stops in");
        await Expect(page.Locator("[data-testid=task-page-cost]")).ToContainTextAsync("$");
        await ConsoleAppFixture.ScreenshotAsync(page, "task-countdown-1280-light");

        // Nobody touches it: the scheduler stops it at expiry (plus the sandbox's few seconds of stopping).
        await Expect(page.Locator("[data-testid=stop-explanation]")).ToContainTextAsync("auto-stop set by", new() { Timeout = 150_000 });
        await Expect(page.Locator("[data-testid=auto-stop-last]")).ToContainTextAsync("Last timer (stopped)", new() { Timeout = 10_000 });
        await ConsoleAppFixture.ScreenshotAsync(page, "task-auto-stopped-1280-light");

        var audit = await app.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken);
        var stop = Assert.Single(audit, a => a.Action == "StopTask" && a.Resource.EndsWith(taskId!, StringComparison.Ordinal));
        Assert.Equal(("system", AuditOutcome.Succeeded), (stop.UserId, stop.Outcome));
        Assert.Contains(audit, a => a.Action == "SetAutoStop" && a.Resource.EndsWith(taskId!, StringComparison.Ordinal) && a.Outcome == AuditOutcome.Succeeded);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task TheCostPagesFitTheScreenInBothThemesAndSayTheyAreEstimates(int width, int height)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var name = $"{width}-{scheme.ToString().ToLowerInvariant()}";
            // One sign-in per size and theme; the pages are opened one after another in it.
            var page = await app.OpenAsync($"{Base}/costs", width, height, scheme);
            foreach (var (path, shot) in new[]
                     {
                         ($"{Base}/costs", "region-costs"), ($"{Base}/forgotten", "forgotten"), ($"{Base}/clusters", "clusters"),
                         ($"{Base}/clusters/demo?tab=costs", "cluster-costs"), ($"{Base}/clusters/demo/services/fastapi-demo-service", "service"),
                         ("/prices", "prices"),
                     })
            {
                await page.GotoAsync(path);
                await page.WaitForSelectorAsync("body[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
                await Expect(page.Locator(shot == "prices" ? "[data-testid=price-table]" : "[data-testid=estimate-note]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
                await Expect(page.Locator("[data-testid=cost-app-bar]")).ToBeVisibleAsync();
                await ConsoleAppFixture.ScreenshotAsync(page, $"{shot}-{name}");
                Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{path} scrolls sideways at {width}px");
            }

            await page.Context.CloseAsync();
        }
    }
}
