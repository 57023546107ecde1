using System.Net;
using System.Text.Json;
using EcsConsole.Sandbox.Apps;
using EcsConsole.Sandbox.Ec2;
using EcsConsole.Sandbox.Ecr;
using EcsConsole.Sandbox.Ecs;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Faults;
using EcsConsole.Sandbox.Logs;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;
using EcsConsole.Sandbox.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsConsole.Sandbox;

/// <summary>
/// The simulated AWS account on loopback: a Kestrel server answering AWS wire protocols, a ticker
/// that moves tasks and services along, the app stand-ins, and the state file.
/// </summary>
public sealed class SandboxServer : ISandboxEndpoints, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxStore? _store;
    private readonly SandboxApps _apps;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _ticker = Task.CompletedTask;
    private int _disposed;

    private SandboxServer(WebApplication app, SandboxAccount account, SandboxFaults faults, SandboxStore? store, SandboxApps apps, ILogger logger)
    {
        _app = app;
        Account = account;
        Faults = faults;
        _store = store;
        _apps = apps;
        _logger = logger;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public SandboxAccount Account { get; }

    public SandboxFaults Faults { get; }

    public SandboxOptions Options => Account.Options;

    /// <summary>Starts the sandbox on 127.0.0.1:<see cref="SandboxOptions.Port"/> (0 = a free port), with its state under <paramref name="dataFolder"/>.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, TimeProvider timeProvider, string dataFolder,
        ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<SandboxServer>();
        var store = options.Persist ? new SandboxStore(dataFolder, logger) : null;
        var state = store?.Load();
        var account = new SandboxAccount(options, timeProvider, state);
        var faults = new SandboxFaults(options.Faults);
        var apps = new SandboxApps(account, logger);
        var dispatcher = new AwsDispatcher(
            [new EcsApi(account), new EcrApi(account), new LogsApi(account)],
            new Ec2Api(account), new StsApi(options), faults, timeProvider, logger);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var server = new SandboxServer(app, account, faults, store, apps, logger);
        server.MapAdmin(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_sandbox", StringComparison.Ordinal))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            await dispatcher.HandleAsync(context).ConfigureAwait(false);
            server.AfterRequest();
        });
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        server._ticker = server.TickAsync(timeProvider);
        logger.LogInformation("Sandbox AWS account {Account} listening on {Url} (home region {Region})", options.AccountId, server.BaseUrl, options.Region);
        return server;
    }

    public async Task<Uri?> GetAppUrlAsync(string publicIp, int port, CancellationToken ct)
    {
        if (!Options.ServeApps) return null;
        await _apps.ReconcileAsync(ct).ConfigureAwait(false);
        return _apps.UrlFor(publicIp, port);
    }

    /// <summary>Forgets all changes: back to the seeded account (and the state file says so).</summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        Account.Reset();
        if (_store is not null) await _store.SaveAsync(Account, ct).ConfigureAwait(false);
        if (Options.ServeApps) await _apps.ReconcileAsync(ct).ConfigureAwait(false);
    }

    public Task SaveAsync(CancellationToken ct) => _store is null ? Task.CompletedTask : _store.SaveAsync(Account, ct);

    private void AfterRequest()
    {
        if (!Options.ServeApps) return;
        // Stand-ins start and stop outside the request so that AWS calls stay fast.
        _ = Task.Run(async () =>
        {
            try
            {
                await _apps.ReconcileAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
            }
        });
    }

    private async Task TickAsync(TimeProvider timeProvider)
    {
        var interval = Options.TickInterval > TimeSpan.Zero ? Options.TickInterval : TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    Account.Advance();
                    if (Options.ServeApps) await _apps.ReconcileAsync(_stopping.Token).ConfigureAwait(false);
                    if (Account.Dirty && _store is not null) await _store.SaveAsync(Account, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Sandbox tick failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void MapAdmin(WebApplication app)
    {
        app.MapPost("/_sandbox/reset", async (CancellationToken ct) =>
        {
            await ResetAsync(ct).ConfigureAwait(false);
            return Results.Json(new { reset = true });
        });
        app.MapGet("/_sandbox/faults", () => Results.Json(Faults.Rules));
        app.MapPut("/_sandbox/faults", async (HttpContext context) =>
        {
            try
            {
                var rules = await JsonSerializer.DeserializeAsync<List<SandboxFaultRule>>(context.Request.Body,
                    JsonSerializerOptions.Web, context.RequestAborted).ConfigureAwait(false) ?? [];
                Faults.Set(rules);
                return Results.Json(Faults.Rules);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return Results.Problem(ex.Message, statusCode: 400);
            }
        });
        app.MapDelete("/_sandbox/faults", () =>
        {
            Faults.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_sandbox/apps", async (CancellationToken ct) =>
        {
            await _apps.ReconcileAsync(ct).ConfigureAwait(false);
            return Results.Json(_apps.All.Select(a => new { publicIp = a.Key.Ip, port = a.Key.Port, url = a.Value.ToString() }));
        });
        // A deterministic address for "open http://<public ip>:<port>/": redirects to the stand-in.
        app.MapGet("/_sandbox/apps/{ip}/{port:int}/{**path}", async (string ip, int port, string? path, HttpContext context) =>
        {
            var url = await GetAppUrlAsync(ip, port, context.RequestAborted).ConfigureAwait(false);
            return url is null
                ? Results.Content($"No running sandbox task has the public IP {ip} with port {port}.", "text/plain", statusCode: 404)
                : Results.Redirect(new Uri(url, (path ?? "") + context.Request.QueryString).ToString());
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _ticker.ConfigureAwait(false);
        if (_store is not null)
        {
            try
            {
                await _store.SaveAsync(Account, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not save the sandbox state on shutdown");
            }
        }

        await _apps.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
