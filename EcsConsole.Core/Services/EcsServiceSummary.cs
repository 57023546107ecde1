namespace EcsConsole.Core.Services;

public enum EcsServiceStatus
{
    Unknown,
    Active,
    Draining,
    Inactive,
}

public enum RolloutState
{
    Unknown,
    InProgress,
    Completed,
    Failed,
}

/// <summary>One deployment of a service (PRIMARY is the one being rolled out).</summary>
public sealed record EcsDeployment(
    string Id,
    string Status,
    string TaskDefinition,
    int Desired,
    int Running,
    int Pending,
    int Failed,
    RolloutState Rollout,
    string? RolloutReason,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt);

public sealed record EcsServiceEvent(string Id, DateTimeOffset CreatedAt, string Message);

/// <summary>A service with its counts, deployments and events (newest first).</summary>
public sealed record EcsServiceSummary(
    string Arn,
    string Name,
    EcsServiceStatus Status,
    int Desired,
    int Running,
    int Pending,
    string TaskDefinition,
    string? LaunchType,
    IReadOnlyList<string> CapacityProviders,
    IReadOnlyList<EcsDeployment> Deployments,
    IReadOnlyList<EcsServiceEvent> Events,
    DateTimeOffset? CreatedAt)
{
    /// <summary>"family:revision" of the task definition the service runs.</summary>
    public string TaskDefinitionName => TaskDefinition[(TaskDefinition.LastIndexOf('/') + 1)..];

    public EcsDeployment? Primary => Deployments.FirstOrDefault(d => d.Status == "PRIMARY") ?? Deployments.FirstOrDefault();
}
