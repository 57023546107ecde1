using System.Globalization;

namespace EcsConsole.Core.Running;

/// <summary>An address a running task answers on, as shown on its page.</summary>
public sealed record TaskEndpoint(string Label, Uri Shown, Uri Open, bool IsDocs);

public static class TaskEndpointBuilder
{
    /// <summary>Ports where a FastAPI-style app (uvicorn's 8000, or 80 behind it) usually serves /docs.</summary>
    public static bool IsFastApiStylePort(int port) => port is 80 or 8000;

    public static Uri Direct(string ip, int port)
        => new(port == 80 ? $"http://{ip}/" : string.Create(CultureInfo.InvariantCulture, $"http://{ip}:{port}/"));

    /// <summary>Links for every container port: the root, and /docs for FastAPI-style ports.</summary>
    /// <param name="open">Where the browser goes for a port: the address itself against AWS, a loopback stand-in in the sandbox.</param>
    public static IReadOnlyList<TaskEndpoint> Build(string publicIp, IEnumerable<int> ports, Func<int, Uri> open)
    {
        var list = new List<TaskEndpoint>();
        foreach (var port in ports.Distinct().Order())
        {
            var shown = Direct(publicIp, port);
            var target = open(port);
            list.Add(new TaskEndpoint(shown.ToString(), shown, target, false));
            if (IsFastApiStylePort(port))
            {
                list.Add(new TaskEndpoint(new Uri(shown, "docs").ToString(), new Uri(shown, "docs"), new Uri(target, "docs"), true));
            }
        }

        return list;
    }
}
