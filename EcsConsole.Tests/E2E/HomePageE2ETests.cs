using EcsConsole.Tests.E2E.Infrastructure;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E;

[Collection(E2ECollection.Name)]
public sealed class HomePageE2ETests(ConsoleAppFixture app)
{
    [Fact]
    public async Task TheHomePageShowsTheConnectionAndSwitchesToDarkMode()
    {
        var page = await app.OpenAsync("/");

        Assert.Equal("Overview · EcsConsole", await page.TitleAsync());
        var card = page.Locator("[data-testid=connection-card]");
        Assert.Equal(1, await card.CountAsync());
        Assert.Contains("Simulated account on this machine", await card.InnerTextAsync());
        var indicator = page.Locator("[data-testid=connection-indicator]");
        Assert.Equal("Sandbox · us-east-1", (await indicator.Locator("[data-testid=connection-name]").InnerTextAsync()).Trim());
        Assert.Contains("Simulated account", await indicator.InnerTextAsync());
        // The account and caller come from STS GetCallerIdentity against the simulated account.
        await Microsoft.Playwright.Assertions.Expect(indicator.Locator("[data-testid=connection-account]")).ToContainTextAsync("123456789012");

        // The connection menu opens and switches (here to the one connection there is, at its clusters).
        await page.ClickAsync("[data-testid=connection-menu]");
        await page.Locator(".mud-menu-item", new() { HasText = "Sandbox (us-east-1) · simulated" }).ClickAsync();
        await page.WaitForURLAsync("**/c/sandbox/us-east-1/clusters");
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveTitleAsync("Clusters · EcsConsole");

        var lightBackground = await BackgroundAsync(page);
        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", lightBackground);

        var darkBackground = await BackgroundAsync(page);
        Assert.True(Luminance(darkBackground) < Luminance(lightBackground), $"{darkBackground} should be darker than {lightBackground}");
        Assert.Equal("Switch to light mode", await TooltipAsync(page));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task TheAppBarFitsTheScreenInBothThemes(int width, int height)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await app.OpenAsync("/", width, height, scheme);
            await page.Mouse.MoveAsync(width / 2f, height - 10);
            await ConsoleAppFixture.ScreenshotAsync(page, $"home-{width}-{scheme.ToString().ToLowerInvariant()}");

            // The theme toggle and the connection indicator stay on screen, and nothing scrolls sideways.
            var toggle = await page.Locator("[data-testid=theme-toggle]").BoundingBoxAsync();
            Assert.NotNull(toggle);
            Assert.InRange(toggle.X + toggle.Width, 0, width);
            Assert.True(await page.Locator("[data-testid=connection-name]").IsVisibleAsync());
            Assert.Equal(width, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
            await page.Context.CloseAsync();
        }
    }

    private static Task<string> BackgroundAsync(IPage page)
        => page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    private static async Task<string> TooltipAsync(IPage page)
    {
        await page.HoverAsync("[data-testid=theme-toggle]");
        return (await page.Locator(".mud-tooltip").First.InnerTextAsync()).Trim();
    }

    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (0.2126 * parts[0]) + (0.7152 * parts[1]) + (0.0722 * parts[2]);
    }
}
