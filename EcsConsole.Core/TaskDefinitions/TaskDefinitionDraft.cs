namespace EcsConsole.Core.TaskDefinitions;

// The draft is what the wizard edits and what is kept per user between visits, so it is a mutable
// class (two-way binding) that can hold invalid input; the validator says what is wrong with it.

public sealed class TaskDefinitionDraft
{
    public string Family { get; set; } = "";
    public List<ContainerDraft> Containers { get; set; } = [new()];
    public int? Cpu { get; set; } = 256;
    public int? Memory { get; set; } = 512;
    public string OperatingSystemFamily { get; set; } = FargateSizes.Linux;
    public string CpuArchitecture { get; set; } = "X86_64";

    /// <summary>Null keeps Fargate's included 20 GiB.</summary>
    public int? EphemeralStorageGiB { get; set; }

    public string? TaskRoleArn { get; set; }
    public string? ExecutionRoleArn { get; set; }
    public LoggingDraft Logging { get; set; } = new();
    public List<TagDraft> Tags { get; set; } = [];

    /// <summary>Where this draft came from, for the diff on the review step ("family:3"), or null for a new family.</summary>
    public string? BasedOn { get; set; }
}

public sealed class ContainerDraft
{
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
    public bool Essential { get; set; } = true;
    public List<PortMappingDraft> PortMappings { get; set; } = [];
    public List<EnvironmentVariableDraft> Environment { get; set; } = [];
    public List<SecretDraft> Secrets { get; set; } = [];

    /// <summary>Command as typed: a JSON array, or words with shell-style quotes.</summary>
    public string Command { get; set; } = "";

    public string EntryPoint { get; set; } = "";
    public string WorkingDirectory { get; set; } = "";
    public HealthCheckDraft HealthCheck { get; set; } = new();
    public int? Cpu { get; set; }
    public int? Memory { get; set; }
    public int? MemoryReservation { get; set; }

    /// <summary>A log configuration imported as it was, used when the task's logging mode is <see cref="LoggingMode.AsImported"/>.</summary>
    public LogConfigurationSpec? ImportedLogConfiguration { get; set; }
}

public sealed class PortMappingDraft
{
    public int? ContainerPort { get; set; }
    public string Protocol { get; set; } = "tcp";
    public string Name { get; set; } = "";
    public string AppProtocol { get; set; } = "";

    /// <summary>Only kept from imports: with awsvpc it must be empty or equal to the container port.</summary>
    public int? HostPort { get; set; }
}

public sealed class EnvironmentVariableDraft
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class SecretDraft
{
    public string Name { get; set; } = "";
    public string ValueFrom { get; set; } = "";
}

public sealed class TagDraft
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class HealthCheckDraft
{
    public bool Enabled { get; set; }

    /// <summary>A shell command (sent as CMD-SHELL), or "CMD arg1 arg2" for the exec form.</summary>
    public string Command { get; set; } = "";

    public int? Interval { get; set; } = 30;
    public int? Timeout { get; set; } = 5;
    public int? Retries { get; set; } = 3;
    public int? StartPeriod { get; set; }
}

public enum LoggingMode
{
    AwsLogs,
    None,

    /// <summary>Each container keeps the log configuration it was imported with (FireLens, splunk…).</summary>
    AsImported,
}

public sealed class LoggingDraft
{
    public LoggingMode Mode { get; set; } = LoggingMode.AwsLogs;

    /// <summary>Empty means "/ecs/&lt;family&gt;".</summary>
    public string Group { get; set; } = "";

    /// <summary>Empty means the region the console is looking at.</summary>
    public string Region { get; set; } = "";

    public string StreamPrefix { get; set; } = "ecs";
    public bool CreateGroup { get; set; } = true;

    public string EffectiveGroup(string family) => string.IsNullOrWhiteSpace(Group) ? $"/ecs/{family}" : Group.Trim();
}
