using System.Threading.Channels;
using EcsConsole.Core.Live;

namespace EcsConsole.Tests.Web.Live;

/// <summary>A channel-backed <see cref="ILiveClusters"/>: tests set the snapshot and push change batches as the watcher would.</summary>
public sealed class FakeLiveClusters : ILiveClusters
{
    private readonly Channel<IReadOnlyList<ClusterChange>> _cluster = Channel.CreateUnbounded<IReadOnlyList<ClusterChange>>();
    private readonly Channel<IReadOnlyList<ClusterListChange>> _clusters = Channel.CreateUnbounded<IReadOnlyList<ClusterListChange>>();

    public ClusterSnapshot ClusterSnapshot { get; set; } = new(new("test", "eu-west-1", "demo"), [], [], LiveStatus.Loading);

    public ClusterListSnapshot ClusterListSnapshot { get; set; } = new(new("test", "eu-west-1"), [], LiveStatus.Loading);

    public int Subscribers { get; private set; }

    public int RefreshRequests { get; private set; }

    public static LiveStatus Fresh => new(DateTimeOffset.Parse("2026-03-14T09:26:50Z"), null, null, null);

    public static LiveStatus Failed(string problem, bool everLoaded)
        => new(everLoaded ? DateTimeOffset.Parse("2026-03-14T09:20:00Z") : null, DateTimeOffset.Parse("2026-03-14T09:21:00Z"), problem, EcsConsole.Core.Aws.AwsErrorKind.Throttled);

    public void Push(params ClusterChange[] batch) => _cluster.Writer.TryWrite(batch);

    public void Push(params ClusterListChange[] batch) => _clusters.Writer.TryWrite(batch);

    public LiveSubscription<ClusterListSnapshot, ClusterListChange> WatchClusters(string connection, string region)
    {
        Subscribers++;
        return new(ClusterListSnapshot, _clusters.Reader.ReadAllAsync(), () => { Subscribers--; return ValueTask.CompletedTask; });
    }

    public LiveSubscription<ClusterSnapshot, ClusterChange> WatchCluster(string connection, string region, string cluster)
    {
        Subscribers++;
        return new(ClusterSnapshot with { Key = new(connection, region, cluster) }, _cluster.Reader.ReadAllAsync(), () => { Subscribers--; return ValueTask.CompletedTask; });
    }

    public void RefreshSoon(string connection, string region, string cluster) => RefreshRequests++;
}
