namespace EcsConsole.Core.TaskDefinitions;

/// <summary>Turns a (validated) draft into the spec to register, and a registered spec back into a draft for a new revision.</summary>
public static class TaskDefinitionDraftConverter
{
    public const string FargateCompatibility = "FARGATE";
    public const string AwsVpc = "awsvpc";
    public const string GroupOption = "awslogs-group";
    public const string RegionOption = "awslogs-region";
    public const string StreamPrefixOption = "awslogs-stream-prefix";

    public static TaskDefinitionSpec ToSpec(TaskDefinitionDraft draft, string defaultRegion)
    {
        var family = draft.Family.Trim();
        return new TaskDefinitionSpec
        {
            Family = family,
            Containers = [.. draft.Containers.Select(c => ToContainer(c, draft.Logging, family, defaultRegion))],
            Cpu = draft.Cpu,
            Memory = draft.Memory,
            OperatingSystemFamily = draft.OperatingSystemFamily,
            CpuArchitecture = draft.CpuArchitecture,
            EphemeralStorageGiB = draft.EphemeralStorageGiB,
            TaskRoleArn = Trimmed(draft.TaskRoleArn),
            ExecutionRoleArn = Trimmed(draft.ExecutionRoleArn),
            NetworkMode = AwsVpc,
            RequiresCompatibilities = [FargateCompatibility],
            Tags = [.. draft.Tags.Where(t => t.Key.Trim().Length > 0).Select(t => new ResourceTag(t.Key.Trim(), t.Value))],
        };
    }

    /// <summary>The awslogs configuration the draft's logging step describes, or null when logging is off or kept as imported.</summary>
    public static LogConfigurationSpec? AwsLogsConfiguration(LoggingDraft logging, string family, string defaultRegion)
        => logging.Mode != LoggingMode.AwsLogs
            ? null
            : new LogConfigurationSpec(LogConfigurationSpec.AwsLogs, new Dictionary<string, string>
            {
                [GroupOption] = logging.EffectiveGroup(family),
                [RegionOption] = string.IsNullOrWhiteSpace(logging.Region) ? defaultRegion : logging.Region.Trim(),
                [StreamPrefixOption] = logging.StreamPrefix.Trim(),
            });

    private static ContainerSpec ToContainer(ContainerDraft c, LoggingDraft logging, string family, string defaultRegion)
    {
        CommandLine.TrySplit(c.Command, out var command, out _);
        CommandLine.TrySplit(c.EntryPoint, out var entryPoint, out _);
        return new ContainerSpec
        {
            Name = c.Name.Trim(),
            Image = c.Image.Trim(),
            Essential = c.Essential,
            PortMappings = [.. c.PortMappings.Select(p => new PortMappingSpec(
                p.ContainerPort ?? 0, p.Protocol, Trimmed(p.Name), Trimmed(p.AppProtocol), p.HostPort))],
            Environment = [.. c.Environment.Where(e => e.Name.Trim().Length > 0).Select(e => new EnvironmentVariable(e.Name.Trim(), e.Value))],
            Secrets = [.. c.Secrets.Where(s => s.Name.Trim().Length > 0).Select(s => new SecretReference(s.Name.Trim(), s.ValueFrom.Trim()))],
            Command = command,
            EntryPoint = entryPoint,
            WorkingDirectory = Trimmed(c.WorkingDirectory),
            HealthCheck = c.HealthCheck.Enabled
                ? new HealthCheckSpec(HealthCheckCommand(c.HealthCheck.Command), c.HealthCheck.Interval, c.HealthCheck.Timeout,
                    c.HealthCheck.Retries, c.HealthCheck.StartPeriod)
                : null,
            Cpu = c.Cpu,
            Memory = c.Memory,
            MemoryReservation = c.MemoryReservation,
            LogConfiguration = logging.Mode switch
            {
                LoggingMode.AwsLogs => AwsLogsConfiguration(logging, family, defaultRegion),
                LoggingMode.AsImported => c.ImportedLogConfiguration,
                _ => null,
            },
        };
    }

    /// <summary>"CMD a b" is the exec form; anything else runs in a shell (CMD-SHELL), as the AWS console does it.</summary>
    public static IReadOnlyList<string> HealthCheckCommand(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("CMD ", StringComparison.Ordinal) && CommandLine.TrySplit(t[4..], out var words, out _))
        {
            return ["CMD", .. words];
        }

        if (t.StartsWith("CMD-SHELL ", StringComparison.Ordinal)) t = t[10..].Trim();
        return ["CMD-SHELL", t];
    }

    public static string HealthCheckText(IReadOnlyList<string> command)
    {
        if (command.Count == 0) return "";
        var rest = command.Skip(1).ToList();
        return command[0] switch
        {
            "CMD-SHELL" => string.Join(' ', rest),
            "CMD" => "CMD " + CommandLine.Join(rest),
            _ => CommandLine.Join(command),
        };
    }

    public static TaskDefinitionDraft FromSpec(TaskDefinitionSpec spec, string? basedOn)
    {
        var draft = new TaskDefinitionDraft
        {
            Family = spec.Family,
            Cpu = spec.Cpu,
            Memory = spec.Memory,
            OperatingSystemFamily = spec.OperatingSystemFamily ?? FargateSizes.Linux,
            CpuArchitecture = spec.CpuArchitecture ?? "X86_64",
            EphemeralStorageGiB = spec.EphemeralStorageGiB,
            TaskRoleArn = spec.TaskRoleArn,
            ExecutionRoleArn = spec.ExecutionRoleArn,
            Tags = [.. spec.Tags.Select(t => new TagDraft { Key = t.Key, Value = t.Value })],
            BasedOn = basedOn,
            Containers = [.. spec.Containers.Select(FromContainer)],
            Logging = LoggingFrom(spec.Containers),
        };
        return draft;
    }

    private static ContainerDraft FromContainer(ContainerSpec c) => new()
    {
        Name = c.Name,
        Image = c.Image,
        Essential = c.Essential,
        PortMappings = [.. c.PortMappings.Select(p => new PortMappingDraft
        {
            ContainerPort = p.ContainerPort,
            Protocol = p.Protocol,
            Name = p.Name ?? "",
            AppProtocol = p.AppProtocol ?? "",
            HostPort = p.HostPort,
        })],
        Environment = [.. c.Environment.Select(e => new EnvironmentVariableDraft { Name = e.Name, Value = e.Value })],
        Secrets = [.. c.Secrets.Select(s => new SecretDraft { Name = s.Name, ValueFrom = s.ValueFrom })],
        Command = CommandLine.Join(c.Command),
        EntryPoint = CommandLine.Join(c.EntryPoint),
        WorkingDirectory = c.WorkingDirectory ?? "",
        HealthCheck = c.HealthCheck is { } h
            ? new HealthCheckDraft
            {
                Enabled = true,
                Command = HealthCheckText(h.Command),
                Interval = h.Interval,
                Timeout = h.Timeout,
                Retries = h.Retries,
                StartPeriod = h.StartPeriod,
            }
            : new HealthCheckDraft(),
        Cpu = c.Cpu,
        Memory = c.Memory,
        MemoryReservation = c.MemoryReservation,
        ImportedLogConfiguration = c.LogConfiguration,
    };

    // The wizard's logging step describes one awslogs setup for every container; anything else is kept as it was.
    private static LoggingDraft LoggingFrom(IReadOnlyList<ContainerSpec> containers)
    {
        var configs = containers.Select(c => c.LogConfiguration).ToList();
        if (configs.All(c => c is null)) return new LoggingDraft { Mode = LoggingMode.None };
        var first = configs[0];
        var uniform = first is not null
            && first.Driver == LogConfigurationSpec.AwsLogs
            && first.Options.Keys.All(k => k is GroupOption or RegionOption or StreamPrefixOption)
            && configs.All(c => c is not null && c.Driver == first.Driver
                && c.Options.Count == first.Options.Count && c.Options.All(kv => first.Option(kv.Key) == kv.Value));
        return uniform
            ? new LoggingDraft
            {
                Mode = LoggingMode.AwsLogs,
                Group = first!.Option(GroupOption) ?? "",
                Region = first.Option(RegionOption) ?? "",
                StreamPrefix = first.Option(StreamPrefixOption) ?? "",
                CreateGroup = true,
            }
            : new LoggingDraft { Mode = LoggingMode.AsImported };
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
