namespace EcsConsole.Core.Clusters;

/// <summary>ECS cluster states (DescribeClusters status).</summary>
public enum ClusterStatus
{
    Unknown,
    Active,
    Provisioning,
    Deprovisioning,
    Failed,
    Inactive,
}

/// <summary>One cluster as the clusters page shows it.</summary>
public sealed record ClusterSummary(
    string Name,
    string Arn,
    ClusterStatus Status,
    int ActiveServicesCount,
    int RunningTasksCount,
    int PendingTasksCount,
    IReadOnlyList<string> CapacityProviders,
    IReadOnlyDictionary<string, string> Tags)
{
    public string Region => Aws.Ecs.EcsArn.RegionAndAccount(Arn).Region;
}
