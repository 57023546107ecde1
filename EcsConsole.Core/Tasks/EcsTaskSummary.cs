namespace EcsConsole.Core.Tasks;

/// <summary>Task and container lifecycle states (lastStatus / desiredStatus), in lifecycle order.</summary>
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
    Deleted,
}

public enum EcsLaunchType
{
    Unknown,
    None,
    Fargate,
    Ec2,
    External,
    ManagedInstances,
}

/// <summary>Why a task stopped (stopCode); <see cref="None"/> while it has not.</summary>
public enum EcsStopCode
{
    Unknown,
    None,
    TaskFailedToStart,
    EssentialContainerExited,
    UserInitiated,
    ServiceSchedulerInitiated,
    SpotInterruption,
    TerminationNotice,
}

public enum EcsHealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>The lifecycle times ECS reports for a task; null until the step happened.</summary>
public sealed record EcsTaskTimes(
    DateTimeOffset? CreatedAt,
    DateTimeOffset? PullStartedAt,
    DateTimeOffset? PullStoppedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppingAt,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? ExecutionStoppedAt);

/// <summary>The task's elastic network interface (awsvpc): where its public IP is looked up.</summary>
public sealed record EcsTaskNetworkInterface(string NetworkInterfaceId, string? PrivateIpv4Address, string? SubnetId);

/// <summary>One task as a task list shows it.</summary>
public sealed record EcsTaskSummary(
    string Id,
    string Arn,
    string ClusterArn,
    TaskDefinitionRef TaskDefinition,
    EcsTaskStatus LastStatus,
    EcsTaskStatus DesiredStatus,
    EcsLaunchType LaunchType,
    string? CapacityProvider,
    int? Cpu,
    int? MemoryMiB,
    EcsTaskTimes Times,
    string? StartedBy,
    string? Group,
    EcsStopCode StopCode,
    string? StoppedReason,
    EcsTaskNetworkInterface? NetworkInterface)
{
    public string ClusterName => Aws.Ecs.EcsArn.LastSegment(ClusterArn);

    /// <summary>The service that started the task ("service:web" group), if any.</summary>
    public string? ServiceName => Group is { } g && g.StartsWith("service:", StringComparison.Ordinal) ? g["service:".Length..] : null;
}

/// <summary>A port a container listens on and where it is reachable.</summary>
public sealed record EcsPortBinding(int? ContainerPort, int? HostPort, string Protocol, string? BindIp);

/// <summary>One container of a running or stopped task.</summary>
public sealed record EcsContainerState(
    string Name,
    string? Image,
    string? ImageDigest,
    EcsTaskStatus LastStatus,
    int? ExitCode,
    string? Reason,
    EcsHealthStatus Health,
    IReadOnlyList<EcsPortBinding> Ports,
    IReadOnlyList<string> PrivateIpv4Addresses);

/// <summary>A port a container definition maps (awsvpc tasks report no network bindings; the task definition has them).</summary>
public sealed record EcsPortMapping(string Container, int ContainerPort, string Protocol);

/// <summary>Everything the task page shows about one task.</summary>
public sealed record EcsTaskDetail(
    EcsTaskSummary Summary,
    IReadOnlyList<EcsContainerState> Containers,
    IReadOnlyDictionary<string, string> Tags,
    string? PlatformVersion,
    string? AvailabilityZone,
    EcsHealthStatus Health)
{
    // Filled by the live watcher from EC2 and the task definition; DescribeTasks alone does not say.

    /// <summary>The public IPv4 of the task's ENI (kept after the ENI is deleted as the task stops).</summary>
    public string? PublicIp { get; init; }

    /// <summary>The ports the task definition maps, for http://ip:port/ links.</summary>
    public IReadOnlyList<EcsPortMapping> PortMappings { get; init; } = [];

    /// <summary>Containers marked essential: false in the task definition.</summary>
    public IReadOnlyList<string> NonEssentialContainers { get; init; } = [];

    /// <summary>ECS's platformFamily ("LINUX", "WINDOWS_SERVER_2022_CORE"…), else the definition's operating system family.</summary>
    public string? OsFamily { get; init; }

    /// <summary>"X86_64" or "ARM64" from the task definition's runtime platform (DescribeTasks does not say).</summary>
    public string? CpuArchitecture { get; init; }

    /// <summary>Ephemeral storage in GiB when more than the 20 included was asked for.</summary>
    public int? EphemeralStorageGiB { get; init; }

    public bool IsArm64 => string.Equals(CpuArchitecture, "ARM64", StringComparison.OrdinalIgnoreCase);

    public bool IsWindows => OsFamily?.StartsWith("WINDOWS", StringComparison.OrdinalIgnoreCase) == true;

    public string Arn => Summary.Arn;

    public string Id => Summary.Id;

    /// <summary>Asked to stop or past RUNNING: a stop from the console would change nothing.</summary>
    public bool IsStoppingOrStopped => Summary.DesiredStatus == EcsTaskStatus.Stopped || Summary.LastStatus >= EcsTaskStatus.Deactivating;

    public bool IsStopped => Summary.LastStatus >= EcsTaskStatus.Stopped;

    /// <summary>How long the task ran (or has been running so far), once it started.</summary>
    public TimeSpan? RunningFor(DateTimeOffset now)
        => Summary.Times.StartedAt is { } s ? (Summary.Times.StoppedAt ?? Summary.Times.StoppingAt ?? now) - s : null;
}
