using System.Globalization;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>The one mapper between ECS wire shapes and the task definition records.</summary>
public static class TaskDefinitionMapper
{
    public static TaskDefinitionStatus ParseStatus(string? status) => status switch
    {
        "ACTIVE" => TaskDefinitionStatus.Active,
        "INACTIVE" => TaskDefinitionStatus.Inactive,
        "DELETE_IN_PROGRESS" => TaskDefinitionStatus.DeleteInProgress,
        _ => TaskDefinitionStatus.Unknown,
    };

    public static string? ToWire(TaskDefinitionStatus status) => status switch
    {
        TaskDefinitionStatus.Active => "ACTIVE",
        TaskDefinitionStatus.Inactive => "INACTIVE",
        TaskDefinitionStatus.DeleteInProgress => "DELETE_IN_PROGRESS",
        _ => null,
    };

    public static TaskDefinitionRevision ToRevision(TaskDefinition wire, IReadOnlyList<Tag>? tags = null) => new(
        wire.TaskDefinitionArn ?? "",
        wire.Revision ?? 0,
        ParseStatus(wire.Status),
        wire.RegisteredAt,
        wire.RegisteredBy,
        wire.DeregisteredAt,
        wire.Compatibilities ?? [],
        ToSpec(wire, tags));

    public static TaskDefinitionSpec ToSpec(TaskDefinition wire, IReadOnlyList<Tag>? tags = null) => new()
    {
        Family = wire.Family ?? "",
        Containers = [.. (wire.ContainerDefinitions ?? []).Select(ToContainer)],
        Cpu = ParseCpu(wire.Cpu),
        Memory = ParseMemory(wire.Memory),
        OperatingSystemFamily = wire.RuntimePlatform?.OperatingSystemFamily,
        CpuArchitecture = wire.RuntimePlatform?.CpuArchitecture,
        EphemeralStorageGiB = wire.EphemeralStorage?.SizeInGiB,
        TaskRoleArn = wire.TaskRoleArn,
        ExecutionRoleArn = wire.ExecutionRoleArn,
        NetworkMode = wire.NetworkMode,
        RequiresCompatibilities = wire.RequiresCompatibilities ?? [],
        Tags = [.. (tags ?? []).Select(t => new ResourceTag(t.Key ?? "", t.Value ?? ""))],
    };

    public static RegisterTaskDefinitionRequest ToRegisterRequest(TaskDefinitionSpec spec) => new()
    {
        Family = spec.Family,
        TaskRoleArn = NullIfEmpty(spec.TaskRoleArn),
        ExecutionRoleArn = NullIfEmpty(spec.ExecutionRoleArn),
        NetworkMode = NullIfEmpty(spec.NetworkMode),
        ContainerDefinitions = [.. spec.Containers.Select(ToWire)],
        RequiresCompatibilities = spec.RequiresCompatibilities.Count == 0 ? null : [.. spec.RequiresCompatibilities],
        Cpu = spec.Cpu?.ToString(CultureInfo.InvariantCulture),
        Memory = spec.Memory?.ToString(CultureInfo.InvariantCulture),
        RuntimePlatform = spec.OperatingSystemFamily is null && spec.CpuArchitecture is null
            ? null
            : new RuntimePlatform { OperatingSystemFamily = spec.OperatingSystemFamily, CpuArchitecture = spec.CpuArchitecture },
        EphemeralStorage = spec.EphemeralStorageGiB is { } gib ? new EphemeralStorage { SizeInGiB = gib } : null,
        Tags = spec.Tags.Count == 0 ? null : [.. spec.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
    };

    /// <summary>The register request as a task definition (what Describe returns for it), for imports and tests.</summary>
    public static TaskDefinitionSpec ToSpec(RegisterTaskDefinitionRequest request) => ToSpec(
        new TaskDefinition
        {
            Family = request.Family,
            TaskRoleArn = request.TaskRoleArn,
            ExecutionRoleArn = request.ExecutionRoleArn,
            NetworkMode = request.NetworkMode,
            ContainerDefinitions = request.ContainerDefinitions,
            RequiresCompatibilities = request.RequiresCompatibilities,
            Cpu = request.Cpu,
            Memory = request.Memory,
            RuntimePlatform = request.RuntimePlatform,
            EphemeralStorage = request.EphemeralStorage,
        },
        request.Tags);

    private static ContainerSpec ToContainer(ContainerDefinition c) => new()
    {
        Name = c.Name ?? "",
        Image = c.Image ?? "",
        // ECS treats a container without "essential" as essential.
        Essential = c.Essential ?? true,
        PortMappings = [.. (c.PortMappings ?? []).Select(p => new PortMappingSpec(
            p.ContainerPort ?? 0, string.IsNullOrEmpty(p.Protocol) ? "tcp" : p.Protocol, p.Name, p.AppProtocol, p.HostPort))],
        Environment = [.. (c.Environment ?? []).Select(e => new EnvironmentVariable(e.Name ?? "", e.Value ?? ""))],
        Secrets = [.. (c.Secrets ?? []).Select(s => new SecretReference(s.Name ?? "", s.ValueFrom ?? ""))],
        Command = c.Command ?? [],
        EntryPoint = c.EntryPoint ?? [],
        WorkingDirectory = c.WorkingDirectory,
        HealthCheck = c.HealthCheck is { } h
            ? new HealthCheckSpec(h.Command ?? [], h.Interval, h.Timeout, h.Retries, h.StartPeriod)
            : null,
        Cpu = c.Cpu,
        Memory = c.Memory,
        MemoryReservation = c.MemoryReservation,
        LogConfiguration = c.LogConfiguration is { } l
            ? new LogConfigurationSpec(l.LogDriver ?? "", l.Options ?? [])
            : null,
    };

    private static ContainerDefinition ToWire(ContainerSpec c) => new()
    {
        Name = c.Name,
        Image = c.Image,
        Essential = c.Essential,
        PortMappings = c.PortMappings.Count == 0 ? null : [.. c.PortMappings.Select(p => new PortMapping
        {
            ContainerPort = p.ContainerPort,
            HostPort = p.HostPort,
            Protocol = p.Protocol,
            Name = NullIfEmpty(p.Name),
            AppProtocol = NullIfEmpty(p.AppProtocol),
        })],
        Environment = c.Environment.Count == 0 ? null : [.. c.Environment.Select(e => new Aws.Ecs.Model.KeyValuePair { Name = e.Name, Value = e.Value })],
        Secrets = c.Secrets.Count == 0 ? null : [.. c.Secrets.Select(s => new Secret { Name = s.Name, ValueFrom = s.ValueFrom })],
        Command = c.Command.Count == 0 ? null : [.. c.Command],
        EntryPoint = c.EntryPoint.Count == 0 ? null : [.. c.EntryPoint],
        WorkingDirectory = NullIfEmpty(c.WorkingDirectory),
        HealthCheck = c.HealthCheck is { } h
            ? new HealthCheck { Command = [.. h.Command], Interval = h.Interval, Timeout = h.Timeout, Retries = h.Retries, StartPeriod = h.StartPeriod }
            : null,
        Cpu = c.Cpu,
        Memory = c.Memory,
        MemoryReservation = c.MemoryReservation,
        LogConfiguration = c.LogConfiguration is { } l
            ? new LogConfiguration { LogDriver = l.Driver, Options = new Dictionary<string, string>(l.Options) }
            : null,
    };

    /// <summary>Task CPU as AWS accepts it: "256", "1024", or "0.25 vCPU" / "1 vcpu".</summary>
    public static int? ParseCpu(string? text) => ParseUnits(text, ["vcpu"], 1024);

    /// <summary>Task memory as AWS accepts it: "512" (MiB) or "0.5 GB" / "2gb".</summary>
    public static int? ParseMemory(string? text) => ParseUnits(text, ["gb", "gib"], 1024);

    private static int? ParseUnits(string? text, string[] suffixes, int multiplier)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToLowerInvariant();
        foreach (var suffix in suffixes)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var scaled))
            {
                return (int)Math.Round(scaled * multiplier);
            }
        }

        if (t.EndsWith("mib", StringComparison.Ordinal) || t.EndsWith("mb", StringComparison.Ordinal)) t = t.TrimEnd('m', 'i', 'b').Trim();
        return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
