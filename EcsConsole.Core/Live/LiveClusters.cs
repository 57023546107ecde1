using EcsConsole.Core.Aws;
using EcsConsole.Core.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Live;

/// <summary>Live cluster data for pages. An interface because page tests drive it with a fake.</summary>
public interface ILiveClusters
{
    LiveSubscription<ClusterListSnapshot, ClusterListChange> WatchClusters(string connection, string region);

    LiveSubscription<ClusterSnapshot, ClusterChange> WatchCluster(string connection, string region, string cluster);

    /// <summary>Asks the cluster's watcher (if one runs) to refresh now, e.g. right after a stop.</summary>
    void RefreshSoon(string connection, string region, string cluster);
}

/// <summary>The shared watchers of the app: one per cluster and one per region's cluster list, whoever watches.</summary>
public sealed class LiveClusters : ILiveClusters, IAsyncDisposable
{
    private readonly LiveWatcherRegistry<ClusterKey, ClusterWatcher, ClusterSnapshot, ClusterChange> _clusters;
    private readonly LiveWatcherRegistry<RegionKey, ClusterListWatcher, ClusterListSnapshot, ClusterListChange> _lists;

    public LiveClusters(AwsClientFactory clients, TaskHistory history, IOptions<LiveOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var o = options.Value;
        var logger = loggers.CreateLogger<LiveClusters>();
        _clusters = new(k => new ClusterWatcher(k, clients, history, o, time, logger), time, o.GracePeriod);
        _lists = new(k => new ClusterListWatcher(k, clients, o, time, logger), time, o.GracePeriod);
    }

    /// <summary>Cluster watchers running now.</summary>
    public int ClusterWatchers => _clusters.Count;

    public int ClusterListWatchers => _lists.Count;

    public ClusterWatcher? FindCluster(string connection, string region, string cluster) => _clusters.Find(new(connection, region, cluster));

    public LiveSubscription<ClusterListSnapshot, ClusterListChange> WatchClusters(string connection, string region)
        => _lists.Subscribe(new RegionKey(connection, region));

    public LiveSubscription<ClusterSnapshot, ClusterChange> WatchCluster(string connection, string region, string cluster)
        => _clusters.Subscribe(new ClusterKey(connection, region, cluster));

    public void RefreshSoon(string connection, string region, string cluster)
        => _clusters.Find(new(connection, region, cluster))?.RefreshSoon();

    public async ValueTask DisposeAsync()
    {
        await _clusters.DisposeAsync().ConfigureAwait(false);
        await _lists.DisposeAsync().ConfigureAwait(false);
    }
}
