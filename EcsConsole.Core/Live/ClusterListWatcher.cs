using EcsConsole.Core.Aws;
using EcsConsole.Core.Clusters;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.Live;

/// <summary>Which connection and region a clusters-list watcher looks at.</summary>
public sealed record RegionKey(string Connection, string Region);

public sealed record ClusterListSnapshot(RegionKey Key, IReadOnlyList<ClusterSummary> Clusters, LiveStatus Status);

public abstract record ClusterListChange
{
    public sealed record ClusterUpdated(ClusterSummary Cluster) : ClusterListChange;

    public sealed record ClusterRemoved(string Arn) : ClusterListChange;

    public sealed record StatusChanged(LiveStatus Status) : ClusterListChange;

    public sealed record Resynced(ClusterListSnapshot Snapshot) : ClusterListChange;
}

/// <summary>The clusters of a (connection, region) for everyone: ListClusters (paged) + DescribeClusters in 100s.</summary>
public sealed class ClusterListWatcher(RegionKey key, AwsClientFactory clients, LiveOptions options, TimeProvider time, ILogger logger)
    : LiveWatcher<ClusterListSnapshot, ClusterListChange>(options, time, logger)
{
    private readonly LiveTable<ClusterSummary> _clusters = new(c => c.Arn);

    protected override string Describe => $"Clusters watcher {key.Connection}/{key.Region}";

    protected override async Task<IReadOnlyList<ClusterListChange>> RefreshAsync(CancellationToken ct)
    {
        var ecs = clients.For(key.Connection, key.Region).Ecs;
        var arns = new List<string>();
        await foreach (var arn in ecs.ListAllClustersAsync(ct).ConfigureAwait(false)) arns.Add(arn);
        var clusters = arns.Count == 0 ? [] : await ecs.DescribeClustersBatchedAsync(arns, ct).ConfigureAwait(false);
        var (changed, removed) = _clusters.Replace(clusters.Select(ClusterMapper.ToSummary));
        return
        [
            .. changed.Select(c => new ClusterListChange.ClusterUpdated(c)),
            .. removed.Select(a => new ClusterListChange.ClusterRemoved(a)),
        ];
    }

    protected override ClusterListSnapshot CreateSnapshot(LiveStatus status)
        => new(key, [.. _clusters.Items.Values.OrderBy(c => c.Name, StringComparer.Ordinal)], status);

    protected override ClusterListChange StatusChange(LiveStatus status) => new ClusterListChange.StatusChanged(status);

    protected override ClusterListChange Resync(ClusterListSnapshot snapshot) => new ClusterListChange.Resynced(snapshot);
}
