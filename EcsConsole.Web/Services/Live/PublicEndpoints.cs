using EcsConsole.Core.Aws;

namespace EcsConsole.Web.Services.Live;

/// <summary>
/// The address a browser opens for a task's public IP and port. For real connections that is the
/// IP itself; the sandbox's IPs are made up, so it maps them to its loopback stand-in.
/// </summary>
public sealed class PublicEndpoints(ConnectionRegistry connections)
{
    /// <summary>Set by the sandbox wiring: (ip, port) → the loopback URL serving that simulated address.</summary>
    public Func<string, int, Uri?>? SandboxMap { get; set; }

    public Uri For(string connection, string publicIp, int port)
    {
        if (connections.TryGet(connection, out var c) && c.IsSandbox && SandboxMap?.Invoke(publicIp, port) is { } mapped) return mapped;
        return new Uri($"http://{publicIp}:{port}/");
    }
}
