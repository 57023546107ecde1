using EcsConsole.Core.Networking;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Core.Services;

public enum EcsServiceStatus
{
    Unknown,
    Active,
    Draining,
    Inactive,
}

public enum EcsDeploymentStatus
{
    Unknown,
    Primary,
    Active,
    Inactive,
}

public enum EcsRolloutState
{
    Unknown,
    None,
    InProgress,
    Completed,
    Failed,
}

/// <summary>One deployment of a service (the PRIMARY one is what the service is moving to).</summary>
public sealed record EcsDeployment(
    string Id,
    EcsDeploymentStatus Status,
    TaskDefinitionRef TaskDefinition,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    int FailedTasks,
    EcsRolloutState RolloutState,
    string? RolloutStateReason,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt);

/// <summary>A line of the service's event log ("has reached a steady state", placement failures…).</summary>
public sealed record EcsServiceEvent(string Id, DateTimeOffset? CreatedAt, string Message);

/// <summary>One ECS service as the service pages show it.</summary>
public sealed record EcsServiceSummary(
    string Name,
    string Arn,
    string ClusterArn,
    EcsServiceStatus Status,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    EcsLaunchType LaunchType,
    IReadOnlyList<string> CapacityProviders,
    string? PlatformVersion,
    TaskDefinitionRef TaskDefinition,
    AwsVpcNetwork Network,
    IReadOnlyList<EcsDeployment> Deployments,
    IReadOnlyList<EcsServiceEvent> Events,
    DateTimeOffset? CreatedAt,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>True while a deployment other than the primary one still has tasks, or the primary is rolling out.</summary>
    public bool IsDeploying => Deployments.Count > 1 || Deployments.Any(d => d.RolloutState == EcsRolloutState.InProgress);
}
