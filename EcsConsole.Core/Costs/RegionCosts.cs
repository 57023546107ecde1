using System.Collections.Concurrent;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Costs;

/// <summary>A running task somewhere in the region, with its cost.</summary>
public sealed record RegionTask(string Cluster, EcsTaskDetail Task, TaskCost Cost);

/// <summary>One cluster's line in the region's total.</summary>
public sealed record ClusterCost(string Cluster, int RunningTasks, decimal PerHour, decimal Today);

/// <summary>Everything running in a connection's region now, priced; <see cref="Error"/> when the last refresh failed (figures are then the last good ones).</summary>
public sealed record RegionCostSnapshot(
    string Connection,
    string Region,
    DateTimeOffset At,
    bool PricesKnown,
    decimal PerHour,
    decimal Today,
    IReadOnlyList<ClusterCost> Clusters,
    IReadOnlyList<RegionTask> Running,
    string? Error)
{
    public int RunningTasks => Running.Count;

    public ClusterCost? ForCluster(string cluster) => Clusters.FirstOrDefault(c => c.Cluster == cluster);
}

/// <summary>
/// The app bar's "running now / today" for a connection's region, shared by every browser: refreshed at
/// most once per Costs:RegionRefreshInterval, and only while someone asks. A refresh lists the clusters,
/// then per cluster the RUNNING tasks (paged) and DescribeTasks in 100s, plus one EC2 call for the ENIs of
/// new tasks (public IPv4 is billed). Tasks that left the RUNNING list are described once more so their
/// stop time is recorded. Everything seen goes into the task history, which is where "today" comes from.
/// A cluster that a live watcher (an open cluster page) refreshed within the interval is read from that
/// watcher instead: it already knows the tasks, their public IPs, and records them in the history.
/// </summary>
public sealed class RegionCosts(
    AwsClientFactory clients,
    TaskHistory history,
    CostHistory costHistory,
    CostMeter meter,
    FargatePriceCalculator prices,
    PublicIpResolver publicIps,
    LiveClusters live,
    IOptions<CostOptions> options,
    TimeProvider time,
    ILogger<RegionCosts> logger)
{
    private readonly ConcurrentDictionary<(string, string), Entry> _entries = new();

    /// <summary>The last snapshot without asking AWS (null until the first refresh finished).</summary>
    public RegionCostSnapshot? Peek(string connection, string region)
        => _entries.TryGetValue((connection, region), out var e) ? e.Snapshot : null;

    /// <summary>The region's figures, refreshed when older than the interval; concurrent callers share one refresh.</summary>
    public async Task<RegionCostSnapshot> GetAsync(string connection, string region, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd((connection, region), _ => new Entry());
        Task<RegionCostSnapshot> refresh;
        lock (entry)
        {
            if (entry.Snapshot is { } s && !entry.Stale && time.GetUtcNow() - s.At < options.Value.RegionRefreshInterval) return s;
            // Off this thread: a refresh that completes synchronously must not clear Refresh before it is assigned.
            entry.Refresh ??= Task.Run(() => RefreshAsync(connection, region, entry), CancellationToken.None);
            refresh = entry.Refresh;
        }

        return await refresh.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>After a stop or a run: the next <see cref="GetAsync"/> asks AWS again.</summary>
    public void Invalidate(string connection, string region)
    {
        if (_entries.TryGetValue((connection, region), out var e))
        {
            lock (e) e.Stale = true;
        }
    }

    private async Task<RegionCostSnapshot> RefreshAsync(string connection, string region, Entry entry)
    {
        RegionCostSnapshot snapshot;
        try
        {
            snapshot = await LoadAsync(connection, region, entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AwsServiceException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            logger.LogWarning(ex, "Region cost refresh failed for {Connection}/{Region}", connection, region);
            var message = ex is AwsServiceException aws ? aws.UserMessage : ex.Message;
            snapshot = (entry.Snapshot ?? new RegionCostSnapshot(connection, region, time.GetUtcNow(), prices.PricesFor(region) is not null, 0, 0, [], [], null))
                with { At = time.GetUtcNow(), Error = message };
        }

        lock (entry)
        {
            entry.Snapshot = snapshot;
            entry.Stale = false;
            entry.Refresh = null;
        }

        return snapshot;
    }

    private async Task<RegionCostSnapshot> LoadAsync(string connection, string region, Entry entry, CancellationToken ct)
    {
        var ecs = clients.For(connection, region).Ecs;
        var now = time.GetUtcNow();
        var clusterArns = new List<string>();
        await foreach (var arn in ecs.ListAllClustersAsync(ct).ConfigureAwait(false)) clusterArns.Add(arn);

        var running = new List<RegionTask>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var clusterArn in clusterArns)
        {
            var cluster = Aws.Ecs.EcsArn.LastSegment(clusterArn);
            if (FromWatcher(connection, region, cluster, now) is { } watched)
            {
                entry.RunningByCluster[cluster] = [.. watched.Select(t => t.Arn)];
                foreach (var task in watched)
                {
                    seen.Add(task.Arn);
                    // Only a running task's address is final (as in WithPublicIpsAsync): a pending one is asked again later.
                    if (task.Summary.LastStatus == EcsTaskStatus.Running) entry.PublicIpByTask[task.Arn] = task.PublicIp;
                    running.Add(new RegionTask(cluster, task, meter.Price(region, task, now)));
                }

                continue;
            }

            var arns = new List<string>();
            await foreach (var arn in ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = cluster, DesiredStatus = "RUNNING" }, ct).ConfigureAwait(false)) arns.Add(arn);
            // Tasks that were running last time and are not now: describe them once to record when they stopped.
            var gone = entry.RunningByCluster.TryGetValue(cluster, out var before) ? before.Where(a => !arns.Contains(a)).ToList() : [];
            var wanted = arns.Concat(gone).ToList();
            var described = wanted.Count == 0 ? [] : EcsTaskMapper.ToDetails(await ecs.DescribeTasksBatchedAsync(cluster, wanted, ct).ConfigureAwait(false));
            var withIps = await WithPublicIpsAsync(connection, region, described, entry, ct).ConfigureAwait(false);
            if (withIps.Count > 0) await history.UpsertAsync(new ClusterKey(connection, region, cluster), withIps, ct).ConfigureAwait(false);
            entry.RunningByCluster[cluster] = [.. arns];
            foreach (var task in withIps.Where(t => !t.IsStopped))
            {
                seen.Add(task.Arn);
                running.Add(new RegionTask(cluster, task, meter.Price(region, task, now)));
            }
        }

        foreach (var gone in entry.RunningByCluster.Keys.Where(k => !clusterArns.Any(a => Aws.Ecs.EcsArn.LastSegment(a) == k)).ToList())
        {
            entry.RunningByCluster.Remove(gone);
        }

        foreach (var arn in entry.PublicIpByTask.Keys.Where(a => !seen.Contains(a)).ToList()) entry.PublicIpByTask.Remove(arn);

        var (today, todayByCluster) = await costHistory.TodayAsync(connection, region, ct).ConfigureAwait(false);
        var clusters = clusterArns.Select(a => Aws.Ecs.EcsArn.LastSegment(a))
            .Select(c => new ClusterCost(c, running.Count(t => t.Cluster == c && t.Cost.Billing),
                running.Where(t => t.Cluster == c && t.Cost.Billing).Sum(t => t.Cost.PerHour ?? 0), todayByCluster.GetValueOrDefault(c)))
            .OrderBy(c => c.Cluster, StringComparer.Ordinal).ToList();
        return new RegionCostSnapshot(connection, region, now, prices.PricesFor(region) is not null,
            running.Where(t => t.Cost.Billing).Sum(t => t.Cost.PerHour ?? 0), today, clusters, running, null);
    }

    /// <summary>The running tasks of a cluster whose watcher refreshed successfully within the interval; null otherwise.</summary>
    private List<EcsTaskDetail>? FromWatcher(string connection, string region, string cluster, DateTimeOffset now)
    {
        if (live.FindCluster(connection, region, cluster) is not { } watcher) return null;
        var snapshot = watcher.Current;
        if (snapshot.Status.IsStale || snapshot.Status.LastRefreshedAt is not { } at || now - at > options.Value.RegionRefreshInterval) return null;
        return [.. snapshot.Tasks.Where(t => !t.IsStopped)];
    }

    private async Task<IReadOnlyList<EcsTaskDetail>> WithPublicIpsAsync(
        string connection, string region, IReadOnlyList<EcsTaskDetail> tasks, Entry entry, CancellationToken ct)
    {
        // Each running task's ENI is looked up once (the address does not change while it runs).
        var unknown = tasks.Where(t => t.Summary.LastStatus == EcsTaskStatus.Running && !entry.PublicIpByTask.ContainsKey(t.Arn)).ToList();
        if (unknown.Count > 0)
        {
            var found = await publicIps.ResolveAsync(connection, region, unknown.Select(t => t.Summary), ct).ConfigureAwait(false);
            foreach (var t in unknown) entry.PublicIpByTask[t.Arn] = found.GetValueOrDefault(t.Arn);
        }

        return [.. tasks.Select(t => entry.PublicIpByTask.TryGetValue(t.Arn, out var ip) && ip is not null ? t with { PublicIp = ip } : t)];
    }

    private sealed class Entry
    {
        public RegionCostSnapshot? Snapshot { get; set; }
        public Task<RegionCostSnapshot>? Refresh { get; set; }
        public bool Stale { get; set; }

        // Touched only by the one refresh running at a time.
        public Dictionary<string, HashSet<string>> RunningByCluster { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string?> PublicIpByTask { get; } = new(StringComparer.Ordinal);
    }
}
