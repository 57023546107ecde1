using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Access;

/// <summary>Debian's Chromium, headless, as the briefing prescribes; one browser per test class.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static async Task<Chromium> LaunchAsync()
    {
        var chromium = new Chromium { _playwright = await Playwright.CreateAsync() };
        chromium.Browser = await chromium._playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        return chromium;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
