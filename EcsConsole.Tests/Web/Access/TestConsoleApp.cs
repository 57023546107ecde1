using System.Collections.Concurrent;
using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace EcsConsole.Tests.Web.Access;

/// <summary>
/// The real web app in this process, with its own temporary data folder and a bootstrap admin.
/// In-memory (TestServer) by default; <c>kestrel: true</c> listens on 127.0.0.1 on a free port
/// for browsers and for single sign-on round trips.
/// </summary>
public sealed class TestConsoleApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "bootstrap-admin-password";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public TestConsoleApp(bool bootstrapAdmin = true, IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false,
        Action<IServiceCollection>? services = null)
    {
        DataPath = Path.Combine(Path.GetTempPath(), "ecsconsole-tests", Guid.NewGuid().ToString("n"));
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = DataPath,
            ["urls"] = "http://127.0.0.1:0",
            // The simulated account runs on a free loopback port, never the fixed 4566.
            ["Sandbox:Port"] = "0",
        };
        if (bootstrapAdmin)
        {
            _settings["Auth:BootstrapAdmin:Email"] = AdminEmail;
            _settings["Auth:BootstrapAdmin:Password"] = AdminPassword;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        if (kestrel) UseKestrel(0);
    }

    public string DataPath { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>Where the Kestrel-hosted app listens (only with <c>kestrel: true</c>).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a local account with a role, straight through Identity.</summary>
    public Task<string> CreateAccountAsync(string email, ConsoleRole role, string password = "a-long-test-password")
        => Services.CreateAccountAsync(email, role, password);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            _services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pool that outlived the host; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>The app's log events as the tests see them (Serilog reads sinks from DI).</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IEnumerable<string> Messages => Events.Select(e => e.RenderMessage());
}

public static class TestAccounts
{
    /// <summary>Creates a local account with one console role in any host of the app (for viewer/operator E2E tests).</summary>
    public static async Task<string> CreateAccountAsync(this IServiceProvider services, string email, ConsoleRole role, string password = "a-long-test-password")
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
        var account = new ConsoleAccount { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(account, role.ToString());
        if (!added.Succeeded) throw new InvalidOperationException(string.Join(" ", added.Errors.Select(e => e.Description)));
        return account.Id;
    }
}
