using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EcsConsole.Web.Access;

/// <summary>
/// At start-up: creates the console roles and the configured bootstrap admin; then, if there is
/// still no account at all, prints a one-time setup link to the server log once the server listens.
/// There is never a default password.
/// </summary>
internal sealed class FirstRunSetupLink(
    AccountSetup setup,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<FirstRunSetupLink> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await setup.EnsureRolesAsync(cancellationToken);
        await setup.SeedBootstrapAdminAsync(cancellationToken);
        if (await setup.AnyAccountsAsync(cancellationToken)) return;
        var token = await setup.IssueSetupTokenAsync(cancellationToken);
        // The addresses are known only once the server listens (port 0 picks one then).
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "";
            var host = address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
            logger.LogWarning(
                "No accounts yet. Open {SetupLink} to create the first admin; the link works once. (Or set Auth:BootstrapAdmin:Email and Password.)",
                $"{host}/account/setup?token={token}");
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
