namespace EcsConsole.Core.Clusters;

public enum ClusterStatus
{
    Unknown,
    Active,
    Provisioning,
    Deprovisioning,
    Failed,
    Inactive,
}

/// <summary>A cluster as the clusters page lists it.</summary>
public sealed record ClusterSummary(
    string Arn,
    string Name,
    ClusterStatus Status,
    int ActiveServices,
    int RunningTasks,
    int PendingTasks,
    IReadOnlyList<string> CapacityProviders,
    IReadOnlyDictionary<string, string> Tags);
