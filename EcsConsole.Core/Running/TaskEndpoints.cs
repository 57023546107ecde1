using System.Globalization;

namespace EcsConsole.Core.Running;

/// <summary>An address a running task answers on, as shown on its page.</summary>
public sealed record TaskEndpoint(string Label, Uri Shown, Uri Open, bool IsDocs);

/// <summary>
/// Where the browser actually goes for a task's public address. Against AWS that is the address
/// itself; the sandbox's tasks have documentation-range IPs answered by a loopback stand-in.
/// </summary>
public interface ITaskAddressResolver
{
    ValueTask<Uri> ResolveAsync(string connection, string publicIp, int port, CancellationToken ct);
}

/// <summary>Real AWS: the public IP is the address.</summary>
public sealed class DirectTaskAddressResolver : ITaskAddressResolver
{
    public ValueTask<Uri> ResolveAsync(string connection, string publicIp, int port, CancellationToken ct)
        => ValueTask.FromResult(TaskEndpointBuilder.Direct(publicIp, port));
}

public static class TaskEndpointBuilder
{
    /// <summary>Ports where a FastAPI-style app (uvicorn's 8000, or 80 behind it) usually serves /docs.</summary>
    public static bool IsFastApiStylePort(int port) => port is 80 or 8000;

    public static Uri Direct(string ip, int port)
        => new(port == 80 ? $"http://{ip}/" : string.Create(CultureInfo.InvariantCulture, $"http://{ip}:{port}/"));

    /// <summary>Links for every container port: the root, and /docs for FastAPI-style ports.</summary>
    public static async Task<IReadOnlyList<TaskEndpoint>> BuildAsync(
        ITaskAddressResolver resolver, string connection, string publicIp, IEnumerable<int> ports, CancellationToken ct)
    {
        var list = new List<TaskEndpoint>();
        foreach (var port in ports.Distinct().Order())
        {
            var shown = Direct(publicIp, port);
            var open = await resolver.ResolveAsync(connection, publicIp, port, ct).ConfigureAwait(false);
            list.Add(new TaskEndpoint(shown.ToString(), shown, open, false));
            if (IsFastApiStylePort(port))
            {
                list.Add(new TaskEndpoint(new Uri(shown, "docs").ToString(), new Uri(shown, "docs"), new Uri(open, "docs"), true));
            }
        }

        return list;
    }
}
