using EcsConsole.Core.Aws;
using EcsConsole.Sandbox;

namespace EcsConsole.Web.Services.Live;

/// <summary>
/// The address a browser opens for a task's public IP and port. For real connections that is the
/// IP itself; the sandbox's IPs are documentation addresses that do not route, so its links go
/// through <see cref="SandboxAppPath"/>, which redirects to the loopback stand-in for that IP.
/// </summary>
public sealed class PublicEndpoints(ConnectionRegistry connections)
{
    public const string SandboxAppPath = "/sandbox-app";

    public string For(string connection, string publicIp, int port)
        => connections.TryGet(connection, out var c) && c.IsSandbox
            ? $"{SandboxAppPath}/{Uri.EscapeDataString(publicIp)}/{port}/"
            : $"http://{publicIp}:{port}/";

    /// <summary>Maps the sandbox redirect: to the stand-in when a running task has that address, else a sentence.</summary>
    public static void MapSandboxApps(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet(SandboxAppPath + "/{ip}/{port:int}/", async (string ip, int port, IServiceProvider services, CancellationToken ct) =>
        {
            if (services.GetService<ISandboxEndpoints>() is not { } sandbox)
            {
                return Results.NotFound("The sandbox is not running in this app.");
            }

            var url = await sandbox.GetAppUrlAsync(ip, port, ct);
            return url is null
                ? Results.NotFound($"No running sandbox task answers on {ip}:{port} (it may have stopped).")
                : Results.Redirect(url.ToString());
        });
}
