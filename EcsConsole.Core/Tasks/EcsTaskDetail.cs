namespace EcsConsole.Core.Tasks;

/// <summary>ECS task lifecycle (lastStatus / desiredStatus), in order.</summary>
public enum EcsTaskStatus
{
    Unknown,
    Provisioning,
    Pending,
    Activating,
    Running,
    Deactivating,
    Stopping,
    Deprovisioning,
    Stopped,
}

public enum EcsStopCode
{
    Unknown,
    TaskFailedToStart,
    EssentialContainerExited,
    UserInitiated,
    ServiceSchedulerInitiated,
    SpotInterruption,
    TerminationNotice,
}

/// <summary>A container port the task publishes (from the task definition's port mappings).</summary>
public sealed record EcsPortMapping(int ContainerPort, string Protocol);

public sealed record EcsContainerDetail(
    string Name,
    string Image,
    string? LastStatus,
    int? ExitCode,
    string? Reason,
    string? HealthStatus,
    bool Essential,
    IReadOnlyList<EcsPortMapping> Ports);

/// <summary>The task's network interface (awsvpc): ENI, subnet, addresses.</summary>
public sealed record EcsTaskNetwork(string? EniId, string? SubnetId, string? PrivateIp, string? PublicIp);

/// <summary>Everything the console shows about a task, from DescribeTasks plus the public IP from EC2.</summary>
public sealed record EcsTaskDetail(
    string Arn,
    string Id,
    string ClusterArn,
    string TaskDefinitionArn,
    EcsTaskStatus LastStatus,
    EcsTaskStatus DesiredStatus,
    string? Group,
    string? StartedBy,
    string? LaunchType,
    string? CapacityProvider,
    int? Cpu,
    int? Memory,
    string? HealthStatus,
    string? PlatformVersion,
    string? AvailabilityZone,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? PullStartedAt,
    DateTimeOffset? PullStoppedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppingAt,
    DateTimeOffset? StoppedAt,
    EcsStopCode? StopCode,
    string? StoppedReason,
    IReadOnlyList<EcsContainerDetail> Containers,
    EcsTaskNetwork Network,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>"family:revision".</summary>
    public string TaskDefinitionName => TaskDefinitionArn[(TaskDefinitionArn.LastIndexOf('/') + 1)..];

    public string Family => TaskDefinitionName.Split(':')[0];

    public int? Revision => TaskDefinitionName.Split(':') is [_, var r] && int.TryParse(r, out var n) ? n : null;

    public string? ServiceName => EcsTaskIds.ServiceOf(Group);

    public bool IsStopped => LastStatus == EcsTaskStatus.Stopped;

    /// <summary>Asked to stop (or stopped): a stop from the console would change nothing.</summary>
    public bool IsStoppingOrStopped => DesiredStatus == EcsTaskStatus.Stopped || LastStatus >= EcsTaskStatus.Deactivating;

    public IEnumerable<EcsPortMapping> Ports => Containers.SelectMany(c => c.Ports).DistinctBy(p => (p.ContainerPort, p.Protocol));

    /// <summary>How long the task ran (or has been running), when it started.</summary>
    public TimeSpan? RunningFor(DateTimeOffset now)
        => StartedAt is { } s ? (StoppedAt ?? StoppingAt ?? now) - s : null;
}
