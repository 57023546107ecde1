using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Sandbox.State;

// The persisted account. Mutable classes on purpose: the engine changes them in place under one
// lock and the store writes the whole graph as JSON.

public sealed class SandboxState
{
    public int Version { get; set; } = 1;

    /// <summary>The simulated time the state machines have been advanced to.</summary>
    public DateTimeOffset Clock { get; set; }

    public Dictionary<string, RegionState> Regions { get; set; } = new(StringComparer.Ordinal);
}

public sealed class RegionState
{
    public string Region { get; set; } = "";
    public List<VpcState> Vpcs { get; set; } = [];
    public List<SubnetState> Subnets { get; set; } = [];
    public List<SecurityGroupState> SecurityGroups { get; set; } = [];
    public List<ClusterState> Clusters { get; set; } = [];
    public List<TaskDefinitionState> TaskDefinitions { get; set; } = [];
    public Dictionary<string, int> LastRevisions { get; set; } = new(StringComparer.Ordinal);
    public List<ServiceState> Services { get; set; } = [];
    public List<TaskState> Tasks { get; set; } = [];

    /// <summary>RunTask/CreateService clientToken → what the first call produced (ARNs).</summary>
    public Dictionary<string, List<string>> ClientTokens { get; set; } = new(StringComparer.Ordinal);

    public List<RepositoryState> Repositories { get; set; } = [];
    public List<LogGroupState> LogGroups { get; set; } = [];
}

public sealed class VpcState
{
    public string VpcId { get; set; } = "";
    public string CidrBlock { get; set; } = "";
    public bool IsDefault { get; set; }
    public string DhcpOptionsId { get; set; } = "";
    public string CidrAssociationId { get; set; } = "";
}

public sealed class SubnetState
{
    public string SubnetId { get; set; } = "";
    public string VpcId { get; set; } = "";
    public string CidrBlock { get; set; } = "";
    public string AvailabilityZone { get; set; } = "";
    public string AvailabilityZoneId { get; set; } = "";
    public bool DefaultForAz { get; set; }
    public bool MapPublicIpOnLaunch { get; set; }
}

public sealed class SecurityGroupState
{
    public string GroupId { get; set; } = "";
    public string GroupName { get; set; } = "";
    public string Description { get; set; } = "";
    public string VpcId { get; set; } = "";
    public List<IngressRuleState> Ingress { get; set; } = [];
}

public sealed class IngressRuleState
{
    public string Protocol { get; set; } = "tcp";
    public int FromPort { get; set; }
    public int ToPort { get; set; }
    public string CidrIp { get; set; } = "0.0.0.0/0";
    public string? SourceGroupId { get; set; }
    public string? Description { get; set; }
}

public sealed class ClusterState
{
    public string Name { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Status { get; set; } = "ACTIVE";
    public List<Tag> Tags { get; set; } = [];
}

public sealed class TaskDefinitionState
{
    public TaskDefinition Definition { get; set; } = new();
    public List<Tag> Tags { get; set; } = [];
}

public sealed class ServiceState
{
    public string Name { get; set; } = "";
    public string Arn { get; set; } = "";
    public string ClusterName { get; set; } = "";
    public string Status { get; set; } = "ACTIVE";
    public int DesiredCount { get; set; }
    public string LaunchType { get; set; } = "FARGATE";
    public string? CapacityProvider { get; set; }
    public string PlatformVersion { get; set; } = "LATEST";
    public NetworkConfiguration? NetworkConfiguration { get; set; }
    public DeploymentConfiguration DeploymentConfiguration { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public List<DeploymentState> Deployments { get; set; } = [];
    public List<ServiceEvent> Events { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];
    public bool EnableExecuteCommand { get; set; }
    public string? PropagateTags { get; set; }

    /// <summary>Whether the last reconcile found the service at its desired count (for the steady-state event).</summary>
    public bool Steady { get; set; }
}

public sealed class DeploymentState
{
    public string Id { get; set; } = "";
    public string Status { get; set; } = "PRIMARY";
    public string TaskDefinitionArn { get; set; } = "";
    public int DesiredCount { get; set; }
    public int FailedTasks { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string RolloutState { get; set; } = "IN_PROGRESS";
    public string RolloutStateReason { get; set; } = "";
    public NetworkConfiguration? NetworkConfiguration { get; set; }
}

/// <summary>A Fargate task. Its status at any time is a function of these timestamps (see TaskTimeline).</summary>
public sealed class TaskState
{
    public string Id { get; set; } = "";
    public string Arn { get; set; } = "";
    public string ClusterName { get; set; } = "";
    public string TaskDefinitionArn { get; set; } = "";
    public string Group { get; set; } = "";
    public string? StartedBy { get; set; }
    public string LaunchType { get; set; } = "FARGATE";
    public string? CapacityProviderName { get; set; }
    public string PlatformVersion { get; set; } = "1.4.0";
    public string Cpu { get; set; } = "256";
    public string Memory { get; set; } = "512";
    public string? ServiceName { get; set; }
    public string? DeploymentId { get; set; }
    public bool EnableExecuteCommand { get; set; }
    public TaskOverride? Overrides { get; set; }
    public List<Tag> Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset PendingAt { get; set; }
    public DateTimeOffset ActivatingAt { get; set; }
    public DateTimeOffset RunningAt { get; set; }

    /// <summary>When and why the task stops; set at start for tasks that will fail, or by StopTask/the scheduler.</summary>
    public StopState? Stop { get; set; }

    public TaskNetworkState Network { get; set; } = new();
    public List<TaskContainerState> Containers { get; set; } = [];

    /// <summary>Up to when the container logs have been written.</summary>
    public DateTimeOffset? LoggedUntil { get; set; }

    /// <summary>Whether the scheduler has reacted to this task stopping (events, replacement).</summary>
    public bool StopHandled { get; set; }
}

public sealed class StopState
{
    public DateTimeOffset At { get; set; }
    public DateTimeOffset DeprovisioningAt { get; set; }
    public DateTimeOffset StoppedAt { get; set; }
    public string Code { get; set; } = "UserInitiated";
    public string Reason { get; set; } = "";

    /// <summary>Exit code of the essential containers, when they ran.</summary>
    public int? ExitCode { get; set; }

    /// <summary>Per-container reason (CannotPullContainerError…) when the task failed to start.</summary>
    public string? ContainerReason { get; set; }
}

public sealed class TaskNetworkState
{
    public string SubnetId { get; set; } = "";
    public string VpcId { get; set; } = "";
    public string AvailabilityZone { get; set; } = "";
    public List<string> SecurityGroups { get; set; } = [];
    public string PrivateIp { get; set; } = "";
    public string? PublicIp { get; set; }
    public string EniId { get; set; } = "";
    public string AttachmentId { get; set; } = "";
    public string MacAddress { get; set; } = "";
}

public sealed class TaskContainerState
{
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
    public string ContainerArn { get; set; } = "";
    public string RuntimeId { get; set; } = "";
    public string? ImageDigest { get; set; }
    public bool Essential { get; set; } = true;
    public int? Cpu { get; set; }
    public int? Memory { get; set; }
    public List<int> Ports { get; set; } = [];
    public string? LogGroup { get; set; }
    public string? LogStream { get; set; }
}

public sealed class RepositoryState
{
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string ImageTagMutability { get; set; } = "MUTABLE";
    public bool ScanOnPush { get; set; }
    public List<ImageState> Images { get; set; } = [];
}

public sealed class ImageState
{
    public string Digest { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public long SizeInBytes { get; set; }
    public DateTimeOffset PushedAt { get; set; }
}

public sealed class LogGroupState
{
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int? RetentionInDays { get; set; }
    public List<LogStreamState> Streams { get; set; } = [];
}

public sealed class LogStreamState
{
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public long NextSequence { get; set; }

    /// <summary>Events ordered by timestamp.</summary>
    public List<LogEventState> Events { get; set; } = [];
}

public sealed class LogEventState
{
    public long Timestamp { get; set; }
    public long IngestionTime { get; set; }
    public long Sequence { get; set; }
    public string Message { get; set; } = "";
}
