using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Logs.Model;
using EcsConsole.Core.Logs;
using EcsConsole.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsConsole.Benchmarks;

/// <summary>
/// The log viewer's delivery path against the in-process sandbox, over the real wire: events are
/// written with PutLogEvents and read by the shared reader (GetLogEvents) into viewer subscriptions.
/// Prints write→subscriber latency, sustained lines per second into one viewer, and CloudWatch
/// Logs calls per second with 1 and 50 viewers of the same task.
/// </summary>
public static class LogsBenchmark
{
    private const string Group = "/ecs/bench";
    private const string Stream = "ecs/app/0123456789abcdef0123456789abcdef";

    public static async Task RunAsync()
    {
        var total = Stopwatch.StartNew();
        var folder = Path.Combine(Path.GetTempPath(), "ecsconsole-bench-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var sandboxOptions = new SandboxOptions { Port = 0, Persist = false, ServeApps = false, Seed = false, LogLineInterval = TimeSpan.Zero };
        await using var sandbox = await SandboxServer.StartAsync(sandboxOptions, TimeProvider.System, folder, NullLoggerFactory.Instance);

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddAwsAccess();
        services.Configure<AwsOptions>(o => o.Connections.Add(new ConnectionOptions
        {
            Name = "sandbox", IsSandbox = true, Region = sandboxOptions.Region, EndpointUrl = sandbox.BaseUrl.ToString(),
        }));
        services.AddEcsConsoleLogs();
        await using var provider = services.BuildServiceProvider();
        var logs = provider.GetRequiredService<AwsClientFactory>().For("sandbox", sandboxOptions.Region).Logs;
        var transport = provider.GetRequiredService<AwsJsonTransport>();
        var metrics = provider.GetRequiredService<AwsCallMetrics>();
        var hub = provider.GetRequiredService<LogTailerHub>();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LogsOptions>>().Value;
        await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = Group }, CancellationToken.None);
        await transport.InvokeAsync<CreateLogStreamRequest, AwsEmptyResponse>(logs.Context, AwsService.Logs, "CreateLogStream",
            new CreateLogStreamRequest { LogGroupName = Group, LogStreamName = Stream }, CancellationToken.None);
        var key = new LogTailKey("sandbox", sandboxOptions.Region, Group, [Stream]);
        var clock = Stopwatch.StartNew();

        Task PutAsync(IEnumerable<string> messages) => PutToAsync(Stream, messages);

        async Task PutToAsync(string stream, IEnumerable<string> messages)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await transport.InvokeAsync<PutLogEventsRequest, PutLogEventsResponse>(logs.Context, AwsService.Logs, "PutLogEvents",
                new PutLogEventsRequest { LogGroupName = Group, LogStreamName = stream, LogEvents = [.. messages.Select(m => new InputLogEvent { Timestamp = now, Message = m })] },
                CancellationToken.None);
        }

        Console.WriteLine($"Logs benchmark — sandbox at {sandbox.BaseUrl}; reader polls every {options.PollInterval.TotalSeconds:0.#} s while lines flow, idle up to {options.MaxIdleInterval.TotalSeconds:0.#} s; viewers re-render every {options.RenderIntervalMilliseconds} ms");
        Console.WriteLine();

        // 1. Latency: one line every 250 ms carrying its write time; measured when the subscription hands it over.
        var latencies = new ConcurrentBag<double>();
        using (var cts = new CancellationTokenSource())
        {
            var reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in hub.SubscribeAsync(key, null, cts.Token))
                    {
                        var at = clock.Elapsed.TotalMilliseconds;
                        foreach (var line in batch.Where(l => l.Message.StartsWith("latency ", StringComparison.Ordinal)))
                        {
                            latencies.Add(at - double.Parse(line.Message[8..], CultureInfo.InvariantCulture));
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Measured enough.
                }
            });
            await Task.Delay(500);
            for (var i = 0; i < 48; i++)
            {
                await PutAsync([$"latency {clock.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)}"]);
                await Task.Delay(250);
            }

            await Task.Delay(1_500);
            await cts.CancelAsync();
            await reader;
        }

        var sorted = latencies.Order().ToList();
        Console.WriteLine($"Latency, PutLogEvents → viewer subscription ({sorted.Count} lines, one every 250 ms):");
        Console.WriteLine($"  p50 {Percentile(sorted, 0.5),6:0} ms   p95 {Percentile(sorted, 0.95),6:0} ms   max {sorted.LastOrDefault(),6:0} ms");
        Console.WriteLine($"  (+ up to {options.RenderIntervalMilliseconds} ms until the viewer's next throttled render)");
        Console.WriteLine();

        // 2. Sustained throughput into one viewer: writers at a fixed rate for 10 s into fresh streams (one per
        // container, as a task or a merged service view has); every line is numbered to count losses. The sandbox
        // keeps 20,000 events per stream, so each stream gets 1,800 lines/s.
        foreach (var streamCount in new[] { 1, 10 })
        {
            const int perStreamRate = 1_800;
            var streams = Enumerable.Range(0, streamCount).Select(i => $"ecs/c{i}/{streamCount:D2}{Guid.NewGuid():n}").ToList();
            foreach (var s in streams)
            {
                await transport.InvokeAsync<CreateLogStreamRequest, AwsEmptyResponse>(logs.Context, AwsService.Logs, "CreateLogStream",
                    new CreateLogStreamRequest { LogGroupName = Group, LogStreamName = s }, CancellationToken.None);
            }

            var streamKey = new LogTailKey("sandbox", sandboxOptions.Region, Group, streams);
            var seen = new ConcurrentDictionary<string, byte>();
            long received = 0;
            using var cts = new CancellationTokenSource();
            var reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in hub.SubscribeAsync(streamKey, null, cts.Token))
                    {
                        foreach (var line in batch)
                        {
                            seen.TryAdd($"{line.Stream}|{line.Message.AsSpan(0, 8)}", 0);
                            Interlocked.Increment(ref received);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Done.
                }
            });
            await Task.Delay(300);
            var perTick = perStreamRate / 10;
            var written = 0;
            var start = clock.Elapsed;
            for (var tick = 0; tick < 100; tick++)
            {
                var from = tick * perTick;
                await Task.WhenAll(streams.Select(s => PutToAsync(s, Enumerable.Range(from, perTick)
                    .Select(n => $"{n:D8} INFO: 198.51.100.7:51234 - \"GET /items/{n % 97} HTTP/1.1\" 200 OK"))));
                written += perTick * streamCount;
                var due = start + TimeSpan.FromMilliseconds((tick + 1) * 100);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            }

            var writeSeconds = (clock.Elapsed - start).TotalSeconds;
            var drainStart = clock.Elapsed;
            // A line still missing a minute after the writers stopped counts as lost.
            while (seen.Count < written && clock.Elapsed - drainStart < TimeSpan.FromSeconds(60)) await Task.Delay(20);
            var deliverSeconds = (clock.Elapsed - start).TotalSeconds;
            var calls = hub.Find(streamKey)?.ApiCalls ?? 0;
            await cts.CancelAsync();
            await reader;
            Console.WriteLine($"Sustained into one viewer, {streamCount,2} stream(s): {written / writeSeconds,7:N0} lines/s written, " +
                              $"{seen.Count / deliverSeconds,7:N0} lines/s delivered (the last {deliverSeconds - writeSeconds:0.0} s after the writers stopped), " +
                              $"{written - seen.Count:N0} lost, {received - seen.Count:N0} duplicated, " +
                              $"{calls / deliverSeconds:0.0} CloudWatch Logs calls/s ({(streamKey.UsesFilter ? "FilterLogEvents" : "GetLogEvents per stream")})");
        }

        Console.WriteLine();

        // 3. CloudWatch Logs calls per second with 1 and 50 viewers on the same task, while lines flow (10/s) and idle.
        foreach (var viewers in new[] { 1, 50 })
        {
            using var cts = new CancellationTokenSource();
            var readers = Enumerable.Range(0, viewers).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in hub.SubscribeAsync(key, DateTimeOffset.UtcNow, cts.Token))
                    {
                        // A viewer that keeps up.
                    }
                }
                catch (OperationCanceledException)
                {
                    // Done.
                }
            })).ToList();
            await Task.Delay(1_000);
            metrics.Reset();
            var flowing = Stopwatch.StartNew();
            for (var i = 0; i < 80; i++)
            {
                await PutAsync([$"calls {i} INFO: GET / 200"]);
                await Task.Delay(100);
            }

            var flowingCalls = metrics.Count(AwsService.Logs.Name, "GetLogEvents") / flowing.Elapsed.TotalSeconds;
            await Task.Delay(4_000);
            metrics.Reset();
            var idle = Stopwatch.StartNew();
            await Task.Delay(10_000);
            var idleCalls = metrics.Count(AwsService.Logs.Name, "GetLogEvents") / idle.Elapsed.TotalSeconds;
            Console.WriteLine($"{viewers,3} viewer(s) of one task: {flowingCalls,5:0.00} GetLogEvents calls/s while 10 lines/s flow, {idleCalls,5:0.00} calls/s when idle " +
                              $"({hub.ActiveReaders} shared reader)");
            await cts.CancelAsync();
            await Task.WhenAll(readers);
        }

        Console.WriteLine();
        Console.WriteLine($"Readers left running after every viewer closed: {hub.ActiveReaders}. Total time {total.Elapsed.TotalSeconds:0} s.");
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder; the OS cleans it.
        }
    }

    internal static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
