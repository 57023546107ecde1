using EcsConsole.Sandbox.Logs;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Engine;

/// <summary>
/// What the simulated containers print: uvicorn's start-up banner, then an access-log line every
/// <see cref="SandboxOptions.LogLineInterval"/>, and a traceback for images tagged <c>crash</c>.
/// </summary>
internal static class ContainerLogs
{
    // After a long gap (a restart the next morning) only the most recent lines are written.
    private const int MaxLinesPerCatchUp = 500;

    private static readonly string[] Requests =
    [
        "\"GET / HTTP/1.1\" 200 OK",
        "\"GET /items/5?q=somequery HTTP/1.1\" 200 OK",
        "\"GET /docs HTTP/1.1\" 200 OK",
        "\"GET /openapi.json HTTP/1.1\" 200 OK",
        "\"GET /items/42 HTTP/1.1\" 200 OK",
        "\"GET /favicon.ico HTTP/1.1\" 404 Not Found",
        "\"GET /items/7?q=hello HTTP/1.1\" 200 OK",
    ];

    public static bool Write(RegionContext ctx)
    {
        var changed = false;
        foreach (var task in ctx.Region.Tasks)
        {
            if (task.Containers.All(c => c.LogStream is null) || !TaskTimeline.RanAt(task, ctx.Now)) continue;
            var end = task.Stop is { } stop && stop.At < ctx.Now ? stop.At : ctx.Now;
            var from = task.LoggedUntil;
            if (from is { } f && f >= end) continue;
            foreach (var container in task.Containers.Where(c => c.LogStream is not null))
            {
                WriteContainer(ctx, task, container, from, end);
            }

            task.LoggedUntil = end;
            changed = true;
        }

        return changed;
    }

    private static void WriteContainer(RegionContext ctx, TaskState task, TaskContainerState container, DateTimeOffset? from, DateTimeOffset end)
    {
        var group = ctx.Region.LogGroups.FirstOrDefault(g => g.Name == container.LogGroup);
        if (group is null) return;
        var stream = LogStore.GetOrCreateStream(group, container.LogStream!, task.RunningAt);
        var lines = new List<(DateTimeOffset At, string Message)>();
        var port = container.Ports.FirstOrDefault(80);
        var crashing = task.Stop is { Code: "EssentialContainerExited" } crash && crash.At > task.RunningAt;
        if (from is null)
        {
            lines.Add((task.RunningAt, "INFO:     Started server process [1]"));
            lines.Add((task.RunningAt, "INFO:     Waiting for application startup."));
            if (!crashing)
            {
                lines.Add((task.RunningAt, "INFO:     Application startup complete."));
                lines.Add((task.RunningAt, $"INFO:     Uvicorn running on http://0.0.0.0:{port} (Press CTRL+C to quit)"));
            }
        }

        var interval = ctx.Account.Options.LogLineInterval;
        if (!crashing && interval > TimeSpan.Zero)
        {
            var first = from is { } f ? (long)Math.Floor((f - task.RunningAt) / interval) + 1 : 1;
            var last = (long)Math.Floor((end - task.RunningAt) / interval);
            if (task.Stop is { } s && task.RunningAt + (last * interval) >= s.At) last--;
            first = Math.Max(first, last - MaxLinesPerCatchUp + 1);
            for (var k = Math.Max(first, 1); k <= last; k++)
            {
                var hash = (uint)HashCode.Combine(task.Id, k);
                var client = $"198.51.100.{(hash % 200) + 20}:{40000 + (hash % 20000)}";
                lines.Add((task.RunningAt + (k * interval), $"INFO:     {client} - {Requests[hash % (uint)Requests.Length]}"));
            }
        }

        if (task.Stop is { } stop && stop.At <= end && (from is null || stop.At > from))
        {
            if (crashing)
            {
                lines.Add((stop.At, "ERROR:    Traceback (most recent call last):"));
                lines.Add((stop.At, "  File \"/code/app/main.py\", line 9, in startup"));
                lines.Add((stop.At, "    raise RuntimeError(\"the image tag is 'crash'\")"));
                lines.Add((stop.At, "RuntimeError: the image tag is 'crash'"));
                lines.Add((stop.At, "ERROR:    Application startup failed. Exiting."));
            }
            else
            {
                lines.Add((stop.At, "INFO:     Shutting down"));
                lines.Add((stop.At, "INFO:     Waiting for application shutdown."));
                lines.Add((stop.At, "INFO:     Application shutdown complete."));
                lines.Add((stop.At, "INFO:     Finished server process [1]"));
            }
        }

        foreach (var (at, message) in lines)
        {
            var ms = at.ToUnixTimeMilliseconds();
            // CloudWatch ingests a few hundred milliseconds after the container writes.
            LogStore.Append(stream, ms, ms + 250, message);
        }

    }
}
