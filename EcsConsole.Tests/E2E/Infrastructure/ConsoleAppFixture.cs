using EcsConsole.Tests.E2E.Access;
using EcsConsole.Tests.Web.Access;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Infrastructure;

/// <summary>
/// ONE running EcsConsole (Kestrel on 127.0.0.1, a free port, its own temp data folder, a bootstrap
/// admin, the simulated account on a free port) and ONE headless Debian Chromium, shared by every
/// end-to-end test and stopped when they are done. Each test opens its own page (a fresh browser context).
/// </summary>
public sealed class ConsoleAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private TestConsoleApp? _app;
    private IPlaywright? _playwright;
    private readonly List<(string Test, IBrowserContext Context)> _contexts = [];

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync()
    {
        _app = new TestConsoleApp(kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "true",
            ["Sandbox:Port"] = "0",
        });
        BaseUrl = _app.ServerAddress.ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A page in a fresh context (own cookies, own Blazor circuit), light colour scheme unless told.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, ColorScheme colorScheme = ColorScheme.Light)
    {
        await CloseEarlierTestsContextsAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
        });
        lock (_contexts) _contexts.Add((TestContext.Current.Test?.UniqueID ?? "", context));
        return await context.NewPageAsync();
    }

    // The E2E tests run one after another: pages an earlier test left open would keep their circuits
    // (and the watchers behind them) busy in the shared app while later tests run.
    private async Task CloseEarlierTestsContextsAsync()
    {
        var current = TestContext.Current.Test?.UniqueID ?? "";
        List<IBrowserContext> stale;
        lock (_contexts)
        {
            stale = [.. _contexts.Where(c => c.Test != current).Select(c => c.Context)];
            _contexts.RemoveAll(c => c.Test != current);
        }

        foreach (var context in stale) await context.CloseAsync();
    }

    /// <summary>
    /// Signs in as the bootstrap admin (or the given account) and opens a path; returns once the Blazor
    /// circuit is live (the layout marks body[data-interactive=true]).
    /// </summary>
    public async Task<IPage> OpenAsync(string path, int width = 1280, int height = 800, ColorScheme colorScheme = ColorScheme.Light,
        string email = TestConsoleApp.AdminEmail, string password = TestConsoleApp.AdminPassword)
    {
        var page = await NewPageAsync(width, height, colorScheme);
        await page.SignInAsync(new Uri(BaseUrl + "/"), email, password, path);
        await page.WaitForSelectorAsync("body[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>
    /// Saves a full-page screenshot when ECSCONSOLE_SCREENSHOTS names a folder (outside the repository),
    /// so that a developer can look at pages in every size and theme; does nothing otherwise.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("ECSCONSOLE_SCREENSHOTS");
        if (string.IsNullOrWhiteSpace(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>All E2E tests share one app and one browser (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<ConsoleAppFixture>
{
    public const string Name = "E2E";
}
