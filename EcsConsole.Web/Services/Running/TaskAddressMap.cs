using EcsConsole.Core.Aws;
using EcsConsole.Sandbox;

namespace EcsConsole.Web.Services.Running;

/// <summary>
/// Where the browser goes for a task's public address: the address itself on AWS; on the sandbox
/// (whose 203.0.113.x addresses do not route) its redirect to the loopback stand-in app.
/// </summary>
public sealed class TaskAddressMap(ConnectionRegistry connections, IServiceProvider services)
{
    public Uri Open(string connection, string publicIp, int port)
    {
        if (connections.TryGet(connection, out var c) && c.IsSandbox && services.GetService<ISandboxEndpoints>() is { } sandbox)
        {
            return new Uri(sandbox.BaseUrl, $"_sandbox/apps/{Uri.EscapeDataString(publicIp)}/{port}/");
        }

        return Core.Running.TaskEndpointBuilder.Direct(publicIp, port);
    }
}
