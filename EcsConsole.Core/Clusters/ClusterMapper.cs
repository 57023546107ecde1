using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Clusters;

/// <summary>ECS wire clusters → <see cref="ClusterSummary"/>.</summary>
public static class ClusterMapper
{
    public static ClusterSummary ToSummary(Cluster c)
    {
        var arn = c.ClusterArn ?? "";
        return new ClusterSummary(
            arn,
            c.ClusterName ?? arn[(arn.LastIndexOf('/') + 1)..],
            ParseStatus(c.Status),
            c.ActiveServicesCount ?? 0,
            c.RunningTasksCount ?? 0,
            c.PendingTasksCount ?? 0,
            [.. c.CapacityProviders ?? []],
            (c.Tags ?? []).Where(t => t.Key is not null).GroupBy(t => t.Key!).ToDictionary(g => g.Key, g => g.Last().Value ?? ""));
    }

    public static ClusterStatus ParseStatus(string? status) => status switch
    {
        "ACTIVE" => ClusterStatus.Active,
        "PROVISIONING" => ClusterStatus.Provisioning,
        "DEPROVISIONING" => ClusterStatus.Deprovisioning,
        "FAILED" => ClusterStatus.Failed,
        "INACTIVE" => ClusterStatus.Inactive,
        _ => ClusterStatus.Unknown,
    };
}
