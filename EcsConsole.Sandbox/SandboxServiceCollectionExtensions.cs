using System.Net;
using System.Net.Sockets;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Storage;
using EcsConsole.Sandbox.Faults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    public const string ConnectionName = "sandbox";

    /// <summary>
    /// Binds <see cref="SandboxOptions"/>; when enabled, starts the simulated account with the host
    /// and adds the "sandbox" connection (the default connection unless another is configured).
    /// </summary>
    public static IServiceCollection AddEcsSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName)
            .Validate(o => o.Port is >= 0 and <= 65535, "Sandbox:Port must be between 0 and 65535.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Region), "Sandbox:Region must not be empty.")
            .Validate(o => o.AccountId.Length == 12 && o.AccountId.All(char.IsAsciiDigit), "Sandbox:AccountId must be 12 digits.")
            .Validate(o => o.StoppedTaskRetention >= TimeSpan.Zero && o.LogLineInterval >= TimeSpan.Zero && o.TickInterval > TimeSpan.Zero,
                "Sandbox:StoppedTaskRetention and LogLineInterval must not be negative, TickInterval must be positive.")
            .Validate(o => ValidFaults(o.Faults), "Sandbox:Faults: ThrottleRate and ErrorRate are shares between 0 and 1 (together at most 1), Latency at most 5 minutes.")
            .ValidateOnStart();

        var sandbox = configuration.GetSection(SandboxOptions.SectionName).Get<SandboxOptions>() ?? new SandboxOptions();
        if (!sandbox.Enabled) return services;

        // The connection needs the URL before the server starts, so "any free port" is chosen now.
        var port = sandbox.Port == 0 ? FreeLoopbackPort() : sandbox.Port;
        services.PostConfigure<SandboxOptions>(o => o.Port = port);
        services.PostConfigure<AwsOptions>(o =>
        {
            if (o.Connections.Any(c => c.IsSandbox)) return;
            o.Connections.Insert(0, new ConnectionOptions
            {
                Name = ConnectionName,
                DisplayName = "Sandbox",
                IsSandbox = true,
                Region = sandbox.Region,
                EndpointUrl = $"http://127.0.0.1:{port}/",
            });
            o.DefaultConnection ??= ConnectionName;
        });
        services.AddSingleton<SandboxHost>();
        services.AddSingleton<ISandboxEndpoints>(sp => sp.GetRequiredService<SandboxHost>());
        services.AddHostedService(sp => sp.GetRequiredService<SandboxHost>());
        return services;
    }

    private static bool ValidFaults(IEnumerable<SandboxFaultRule> rules)
    {
        try
        {
            foreach (var rule in rules) SandboxFaults.Validate(rule);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Runs the sandbox for the lifetime of the web app.</summary>
public sealed class SandboxHost(
    IOptions<SandboxOptions> options,
    TimeProvider timeProvider,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, ISandboxEndpoints, IAsyncDisposable
{
    private SandboxServer? _server;

    /// <summary>The running sandbox (null before the host has started it).</summary>
    public SandboxServer? Server => _server;

    public Uri BaseUrl => _server?.BaseUrl ?? new Uri($"http://127.0.0.1:{options.Value.Port}/");

    public Task<Uri?> GetAppUrlAsync(string publicIp, int port, CancellationToken ct)
        => _server is null ? Task.FromResult<Uri?>(null) : _server.GetAppUrlAsync(publicIp, port, ct);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = services.GetService<DataFolder>()?.Folder("sandbox")
                     ?? Path.Combine(AppContext.BaseDirectory, "data", "sandbox");
        try
        {
            _server = await SandboxServer.StartAsync(options.Value, timeProvider, folder, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The sandbox could not listen on 127.0.0.1:{options.Value.Port} ({ex.Message}). Another copy of the app or a local AWS emulator may be using it: set Sandbox:Port to a free port (0 picks one) or Sandbox:Enabled to false.", ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }
}
