namespace EcsConsole.Core.TaskDefinitions;

/// <summary>ECS task definition states, with <see cref="Unknown"/> for states AWS adds later.</summary>
public enum TaskDefinitionStatus
{
    Unknown,
    Active,
    Inactive,
    DeleteInProgress,
}

public sealed record PortMappingSpec(int ContainerPort, string Protocol = "tcp", string? Name = null, string? AppProtocol = null, int? HostPort = null);

public sealed record EnvironmentVariable(string Name, string Value);

/// <summary>A secret injected as an environment variable; ValueFrom is a Secrets Manager or SSM parameter ARN (or parameter name).</summary>
public sealed record SecretReference(string Name, string ValueFrom);

public sealed record HealthCheckSpec(IReadOnlyList<string> Command, int? Interval = null, int? Timeout = null, int? Retries = null, int? StartPeriod = null);

public sealed record LogConfigurationSpec(string Driver, IReadOnlyDictionary<string, string> Options)
{
    public const string AwsLogs = "awslogs";

    public string? Option(string name) => Options.TryGetValue(name, out var v) ? v : null;
}

public sealed record ResourceTag(string Key, string Value);

public sealed record ContainerSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public bool Essential { get; init; } = true;
    public IReadOnlyList<PortMappingSpec> PortMappings { get; init; } = [];
    public IReadOnlyList<EnvironmentVariable> Environment { get; init; } = [];
    public IReadOnlyList<SecretReference> Secrets { get; init; } = [];
    public IReadOnlyList<string> Command { get; init; } = [];
    public IReadOnlyList<string> EntryPoint { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    public HealthCheckSpec? HealthCheck { get; init; }
    public int? Cpu { get; init; }
    public int? Memory { get; init; }
    public int? MemoryReservation { get; init; }
    public LogConfigurationSpec? LogConfiguration { get; init; }
}

/// <summary>Everything a task definition says, independent of which revision it is.</summary>
public sealed record TaskDefinitionSpec
{
    public required string Family { get; init; }
    public IReadOnlyList<ContainerSpec> Containers { get; init; } = [];

    /// <summary>Task CPU in units (1024 = 1 vCPU); null when the task definition has no task-level size.</summary>
    public int? Cpu { get; init; }

    /// <summary>Task memory in MiB.</summary>
    public int? Memory { get; init; }

    public string? OperatingSystemFamily { get; init; }
    public string? CpuArchitecture { get; init; }

    /// <summary>Ephemeral storage in GiB; null means Fargate's included 20 GiB.</summary>
    public int? EphemeralStorageGiB { get; init; }

    public string? TaskRoleArn { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public string? NetworkMode { get; init; }
    public IReadOnlyList<string> RequiresCompatibilities { get; init; } = [];
    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];
}

/// <summary>One registered revision: the spec plus what AWS says about it.</summary>
public sealed record TaskDefinitionRevision(
    string Arn,
    int Revision,
    TaskDefinitionStatus Status,
    DateTimeOffset? RegisteredAt,
    string? RegisteredBy,
    DateTimeOffset? DeregisteredAt,
    IReadOnlyList<string> Compatibilities,
    TaskDefinitionSpec Spec)
{
    public string Family => Spec.Family;
    public string FamilyRevision => $"{Spec.Family}:{Revision}";
}

/// <summary>A revision as listed: family, revision number, ARN and state.</summary>
public sealed record TaskDefinitionRevisionRef(string Family, int Revision, string Arn, TaskDefinitionStatus Status)
{
    public string FamilyRevision => $"{Family}:{Revision}";

    /// <summary>Parses "arn:aws:ecs:region:account:task-definition/family:3".</summary>
    public static TaskDefinitionRevisionRef? FromArn(string arn, TaskDefinitionStatus status)
    {
        var slash = arn.LastIndexOf('/');
        var colon = arn.LastIndexOf(':');
        if (slash < 0 || colon < slash || !int.TryParse(arn.AsSpan(colon + 1), out var revision)) return null;
        return new TaskDefinitionRevisionRef(arn[(slash + 1)..colon], revision, arn, status);
    }
}
