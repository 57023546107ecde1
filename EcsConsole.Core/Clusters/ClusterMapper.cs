using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Clusters;

/// <summary>ECS cluster wire shapes → <see cref="ClusterSummary"/>.</summary>
public static class ClusterMapper
{
    public static ClusterSummary ToSummary(Cluster cluster) => new(
        Name: string.IsNullOrEmpty(cluster.ClusterName) ? EcsArn.LastSegment(cluster.ClusterArn) : cluster.ClusterName,
        Arn: cluster.ClusterArn ?? "",
        Status: AwsEnum.Parse(cluster.Status, ClusterStatus.Unknown),
        ActiveServicesCount: cluster.ActiveServicesCount ?? 0,
        RunningTasksCount: cluster.RunningTasksCount ?? 0,
        PendingTasksCount: cluster.PendingTasksCount ?? 0,
        CapacityProviders: [.. (cluster.CapacityProviders ?? []).Where(p => !string.IsNullOrEmpty(p))],
        Tags: EcsArn.Tags(cluster.Tags));

    public static IReadOnlyList<ClusterSummary> ToSummaries(IEnumerable<Cluster>? clusters)
        => [.. (clusters ?? []).Where(c => c is not null).Select(ToSummary)];
}
