using System.Collections.Concurrent;
using System.Diagnostics;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Storage;
using EcsConsole.Core.Tasks;
using EcsConsole.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcsConsole.Benchmarks;

/// <summary>
/// The live watcher against the in-process sandbox: AWS calls per refresh for clusters of 1, 100
/// and 1,000 running tasks watched by 1 and 50 subscribers, and the time from a change in the
/// sandbox (a StopTask) to that change reaching every subscriber.
/// </summary>
public static class LiveBenchmark
{
    private const string Cluster = "demo";
    private const int MeasuredRefreshes = 3;
    private const int LatencySamples = 8;

    public static async Task RunAsync(TimeSpan interval)
    {
        var total = Stopwatch.StartNew();
        var folder = Path.Combine(Path.GetTempPath(), "ecsconsole-bench-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var sandboxOptions = new SandboxOptions
        {
            Port = 0,
            Persist = false,
            ServeApps = false,
            TickInterval = TimeSpan.FromMilliseconds(100),
            LogLineInterval = TimeSpan.Zero,
            Lifecycle = new SandboxLifecycleOptions
            {
                Provisioning = TimeSpan.FromMilliseconds(100),
                Pending = TimeSpan.FromMilliseconds(100),
                Activating = TimeSpan.FromMilliseconds(100),
                Stopping = TimeSpan.FromMilliseconds(100),
                Deprovisioning = TimeSpan.FromMilliseconds(100),
            },
        };
        await using var sandbox = await SandboxServer.StartAsync(sandboxOptions, TimeProvider.System, folder, NullLoggerFactory.Instance);

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddAwsAccess();
        services.Configure<AwsOptions>(o => o.Connections.Add(new ConnectionOptions
        {
            Name = "sandbox", IsSandbox = true, Region = sandboxOptions.Region, EndpointUrl = sandbox.BaseUrl.ToString(),
        }));
        services.AddDbContextFactory<EcsConsoleDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "bench.db")}"));
        services.Configure<HistoryOptions>(_ => { });
        services.AddSingleton<TaskHistory>();
        await using var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var clients = provider.GetRequiredService<AwsClientFactory>().For("sandbox", sandboxOptions.Region);
        var metrics = provider.GetRequiredService<AwsCallMetrics>();
        var history = provider.GetRequiredService<TaskHistory>();
        var subnets = (await clients.Ec2.DescribeSubnetsAsync(null, CancellationToken.None)).Select(s => s.SubnetId).ToList();
        var groups = (await clients.Ec2.DescribeSecurityGroupsAsync(null, CancellationToken.None)).Select(g => g.GroupId).ToList();

        Console.WriteLine($"Live watcher benchmark — sandbox at {sandbox.BaseUrl}, refresh interval {interval.TotalSeconds:0.##} s");
        Console.WriteLine("Calls per steady refresh are averaged over " + MeasuredRefreshes + " refreshes after the first; latency over " + LatencySamples + " stops, measured to every subscriber.");
        Console.WriteLine();
        Console.WriteLine($"{"tasks",6} {"subs",5} | {"1st ECS",8} {"1st EC2",8} | {"ECS/refresh",11} {"EC2/refresh",11} | {"refresh ms",10} | {"change→subscriber p50",22} {"p95",8}");
        Console.WriteLine(new string('-', 110));

        foreach (var size in new[] { 1, 100, 1000 })
        {
            await GrowToAsync(clients.Ecs, size, subnets, groups);
            foreach (var subscribers in new[] { 1, 50 })
            {
                var row = await MeasureAsync(clients.Ecs, metrics, history, provider, interval, subscribers, size, subnets, groups);
                Console.WriteLine(row);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:0} s. The page adds at most its 200 ms render throttle on top of change→subscriber.");
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static async Task<string> MeasureAsync(
        Core.Aws.Ecs.EcsClient ecs, AwsCallMetrics metrics, TaskHistory history, IServiceProvider provider,
        TimeSpan interval, int subscriberCount, int size, List<string> subnets, List<string> groups)
    {
        var options = new LiveOptions { RefreshInterval = interval, GracePeriod = TimeSpan.FromSeconds(1) };
        await using var live = new LiveClusters(provider.GetRequiredService<AwsClientFactory>(), history, Options.Create(options),
            TimeProvider.System, NullLoggerFactory.Instance);
        var arrivals = new ConcurrentDictionary<(int Subscriber, string Arn), long>();
        using var stop = new CancellationTokenSource();
        var subscriptions = new List<LiveSubscription<ClusterSnapshot, ClusterChange>>();
        var readers = new List<Task>();

        metrics.Reset();
        for (var i = 0; i < subscriberCount; i++)
        {
            var subscriber = i;
            var subscription = live.WatchCluster("sandbox", "us-east-1", Cluster);
            subscriptions.Add(subscription);
            readers.Add(Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in subscription.Changes.WithCancellation(stop.Token))
                    {
                        var now = Stopwatch.GetTimestamp();
                        foreach (var change in batch)
                        {
                            if (change is ClusterChange.TaskUpdated { Task.Summary.DesiredStatus: EcsTaskStatus.Stopped } u)
                            {
                                arrivals.TryAdd((subscriber, u.Task.Arn), now);
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }));
        }

        var watcher = live.FindCluster("sandbox", "us-east-1", Cluster)!;
        await watcher.WhenRefreshedAsync(1);
        var firstEcs = metrics.Count("ECS");
        var firstEc2 = metrics.Count("EC2");

        metrics.Reset();
        var before = watcher.Refreshes;
        var clock = Stopwatch.StartNew();
        await watcher.WhenRefreshedAsync(before + MeasuredRefreshes);
        var refreshes = watcher.Refreshes - before;
        var ecsPerRefresh = metrics.Count("ECS") / (double)refreshes;
        var ec2PerRefresh = metrics.Count("EC2") / (double)refreshes;
        // Each cycle is one refresh plus the interval's wait: what is left over is the time the refresh took.
        var refreshMs = Math.Max(0, clock.Elapsed.TotalMilliseconds - refreshes * interval.TotalMilliseconds) / refreshes;

        // Latency: stop one task at a random moment of the refresh cycle; time until each subscriber has it.
        // (In the 1-task cluster that is the service's task; the service starts a replacement.)
        var latencies = new List<double>();
        var running = new List<string>();
        await foreach (var arn in ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = Cluster, DesiredStatus = "RUNNING" }, CancellationToken.None))
        {
            running.Add(arn);
        }

        var random = new Random(size * 100 + subscriberCount);
        for (var i = 0; i < LatencySamples && i < running.Count; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, (int)interval.TotalMilliseconds)));
            var arn = running[i];
            await ecs.StopTaskAsync(new StopTaskRequest { Cluster = Cluster, Task = arn, Reason = "benchmark" }, CancellationToken.None);
            var changedAt = Stopwatch.GetTimestamp();
            var deadline = Stopwatch.StartNew();
            while (Enumerable.Range(0, subscriberCount).Any(s => !arrivals.ContainsKey((s, arn))) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(5);
            }

            latencies.AddRange(Enumerable.Range(0, subscriberCount)
                .Select(s => arrivals.TryGetValue((s, arn), out var at) ? Stopwatch.GetElapsedTime(changedAt, at).TotalMilliseconds : double.NaN)
                .Where(ms => !double.IsNaN(ms)));
        }

        await stop.CancelAsync();
        foreach (var s in subscriptions) await s.DisposeAsync();
        await Task.WhenAll(readers);

        // Put the cluster back to its size for the next combination.
        await GrowToAsync(ecs, size, subnets, groups);
        latencies.Sort();
        return $"{size,6} {subscriberCount,5} | {firstEcs,8} {firstEc2,8} | {ecsPerRefresh,11:0.0} {ec2PerRefresh,11:0.0} | {refreshMs,10:0} | {Percentile(latencies, 0.5),19:0} ms {Percentile(latencies, 0.95),5:0} ms";
    }

    /// <summary>Runs standalone tasks until the cluster has <paramref name="size"/> running tasks (the seeded service has one).</summary>
    private static async Task GrowToAsync(Core.Aws.Ecs.EcsClient ecs, int size, List<string> subnets, List<string> groups)
    {
        var running = await CountRunningAsync(ecs);
        // The sandbox has ~245 public addresses (as a real account has a quota): the biggest cluster runs private tasks.
        var publicIp = size <= 200 ? "ENABLED" : "DISABLED";
        while (running < size)
        {
            var count = Math.Min(10, size - running);
            await ecs.RunTaskAsync(new RunTaskRequest
            {
                Cluster = Cluster,
                TaskDefinition = "fastapi-demo",
                Count = count,
                LaunchType = "FARGATE",
                StartedBy = "bench",
                NetworkConfiguration = new NetworkConfiguration
                {
                    AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = [.. subnets], SecurityGroups = [.. groups], AssignPublicIp = publicIp },
                },
            }, CancellationToken.None);
            running += count;
        }

        // Wait until they are RUNNING so that the measured refreshes see a steady cluster.
        for (var i = 0; i < 100; i++)
        {
            var arns = new List<string>();
            await foreach (var arn in ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = Cluster, DesiredStatus = "RUNNING" }, CancellationToken.None)) arns.Add(arn);
            var tasks = await ecs.DescribeTasksBatchedAsync(Cluster, arns, CancellationToken.None);
            if (tasks.All(t => t.LastStatus == "RUNNING")) return;
            await Task.Delay(200);
        }
    }

    private static async Task<int> CountRunningAsync(Core.Aws.Ecs.EcsClient ecs)
    {
        var n = 0;
        await foreach (var _ in ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = Cluster, DesiredStatus = "RUNNING" }, CancellationToken.None)) n++;
        return n;
    }

    private static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
