using System.Text.RegularExpressions;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>The wizard step a message or an AWS rejection belongs to.</summary>
public enum TaskDefinitionSection
{
    Family,
    Containers,
    TaskSize,
    Roles,
    Logging,
    Review,
}

/// <summary>One problem, at the field it is about (e.g. "containers[1].portMappings[0].containerPort").</summary>
public sealed record ValidationMessage(string Path, string Message)
{
    public TaskDefinitionSection Section => TaskDefinitionValidator.SectionOf(Path);
}

public sealed record TaskDefinitionValidation(IReadOnlyList<ValidationMessage> Messages)
{
    public bool IsValid => Messages.Count == 0;

    public string? For(string path) => Messages.FirstOrDefault(m => m.Path == path)?.Message;

    public IReadOnlyList<ValidationMessage> In(TaskDefinitionSection section) => [.. Messages.Where(m => m.Section == section)];

    /// <summary>Messages about a path or anything under it ("containers[0]" covers its ports and variables).</summary>
    public IReadOnlyList<ValidationMessage> Under(string prefix)
        => [.. Messages.Where(m => m.Path == prefix || m.Path.StartsWith(prefix + ".", StringComparison.Ordinal) || m.Path.StartsWith(prefix + "[", StringComparison.Ordinal))];
}

/// <summary>
/// Every rule ECS applies to a Fargate task definition that can be checked before calling AWS,
/// each reported at its field so the wizard can show it there.
/// </summary>
public static partial class TaskDefinitionValidator
{
    public const int MaxContainers = 10;
    public const int MaxTags = 50;
    public const int MinContainerMemory = 6;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();

    [GeneratedRegex("^[a-z0-9_][a-z0-9_-]{0,63}$")]
    private static partial Regex PortNamePattern();

    // The Docker reference grammar: [domain[:port]/]path[/path…][:tag][@algorithm:hex].
    [GeneratedRegex(@"^(?:(?<domain>(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?)/)?(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<algorithm>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):(?<hex>[0-9a-fA-F]{32,}))?$")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/")]
    private static partial Regex PrivateEcrPattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(:[A-Za-z0-9/_+=.@-]*){0,3}$")]
    private static partial Regex SecretsManagerArnPattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:ssm:[a-z0-9-]+:\d{12}:parameter/[A-Za-z0-9_.\-/]+$")]
    private static partial Regex ParameterArnPattern();

    [GeneratedRegex(@"^/?[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*$")]
    private static partial Regex ParameterNamePattern();

    [GeneratedRegex(@"^[.\-_/#A-Za-z0-9]{1,512}$")]
    private static partial Regex LogGroupPattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex RegionPattern();

    public static bool IsValidImageReference(string? image, out string? error)
    {
        error = null;
        var value = image?.Trim() ?? "";
        var m = ImagePattern().Match(value);
        if (value.Length == 0)
        {
            error = "Enter an image, e.g. public.ecr.aws/docker/library/python:3.12.";
        }
        else if (value.Length > 255)
        {
            error = "An image reference can be at most 255 characters.";
        }
        else if (!m.Success)
        {
            error = value.Any(char.IsWhiteSpace)
                ? "An image reference cannot contain spaces."
                : "This is not an image reference: use [registry/]repository[:tag][@sha256:digest] with a lowercase repository.";
        }
        else if (m.Groups["algorithm"].Success && m.Groups["algorithm"].Value == "sha256" && m.Groups["hex"].Value.Length != 64)
        {
            error = "A sha256 digest has exactly 64 hexadecimal characters.";
        }

        return error is null;
    }

    /// <summary>Images in a private ECR repository are pulled with the task execution role.</summary>
    public static bool IsPrivateEcrImage(string? image) => image is not null && PrivateEcrPattern().IsMatch(image.Trim());

    public static bool IsRoleArn(string? value) => value is not null && RoleArnPattern().IsMatch(value.Trim());

    public static bool IsSecretReference(string? value)
    {
        var v = value?.Trim() ?? "";
        if (v.Length is 0 or > 2048) return false;
        if (v.StartsWith("arn:", StringComparison.Ordinal)) return SecretsManagerArnPattern().IsMatch(v) || ParameterArnPattern().IsMatch(v);
        return ParameterNamePattern().IsMatch(v);
    }

    /// <summary>Why the execution role is needed, or null when the task can start without one.</summary>
    public static string? ExecutionRoleReason(TaskDefinitionDraft draft)
    {
        var containers = draft.Containers ?? [];
        if (draft.Logging?.Mode == LoggingMode.AwsLogs && containers.Count > 0) return "the containers send logs to CloudWatch (awslogs)";
        if (draft.Logging?.Mode == LoggingMode.AsImported && containers.Any(c => c?.ImportedLogConfiguration?.Driver == LogConfigurationSpec.AwsLogs))
        {
            return "a container sends logs to CloudWatch (awslogs)";
        }

        if (containers.Any(c => IsPrivateEcrImage(c?.Image))) return "an image comes from a private ECR repository";
        if (containers.Any(c => c?.Secrets?.Any(s => !string.IsNullOrWhiteSpace(s?.Name)) == true)) return "a container reads secrets";
        return null;
    }

    public static TaskDefinitionSection SectionOf(string path)
    {
        var head = path.Split('.', '[')[0];
        return head switch
        {
            "family" or "tags" => TaskDefinitionSection.Family,
            "containers" => TaskDefinitionSection.Containers,
            "cpu" or "memory" or "operatingSystemFamily" or "cpuArchitecture" or "ephemeralStorage" => TaskDefinitionSection.TaskSize,
            "taskRoleArn" or "executionRoleArn" => TaskDefinitionSection.Roles,
            "logging" => TaskDefinitionSection.Logging,
            _ => TaskDefinitionSection.Review,
        };
    }

    public static TaskDefinitionValidation Validate(TaskDefinitionDraft draft)
    {
        var messages = new List<ValidationMessage>();
        void Add(string path, string message) => messages.Add(new ValidationMessage(path, message));

        var family = draft.Family?.Trim() ?? "";
        if (family.Length == 0) Add("family", "Enter a family name.");
        else if (!NamePattern().IsMatch(family)) Add("family", "Use up to 255 letters, digits, hyphens (-) and underscores (_).");

        ValidateTags(draft.Tags ?? [], Add);
        var containers = draft.Containers ?? [];
        ValidateContainers(containers, Add);
        ValidateSize(draft, containers, Add);
        ValidateRoles(draft, Add);
        ValidateLogging(draft.Logging ?? new LoggingDraft(), Add);
        return new TaskDefinitionValidation(messages);
    }

    private static void ValidateTags(List<TagDraft> tags, Action<string, string> add)
    {
        if (tags.Count > MaxTags) add("tags", $"A task definition can have at most {MaxTags} tags.");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tags.Count; i++)
        {
            var key = tags[i]?.Key?.Trim() ?? "";
            var value = tags[i]?.Value ?? "";
            if (key.Length == 0)
            {
                if (value.Length > 0) add($"tags[{i}].key", "Enter a key for this tag.");
                continue;
            }

            if (key.Length > 128) add($"tags[{i}].key", "A tag key can be at most 128 characters.");
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) add($"tags[{i}].key", "Tag keys starting with \"aws:\" are reserved for AWS.");
            else if (!keys.Add(key)) add($"tags[{i}].key", $"The tag \"{key}\" is already set.");
            if (value.Length > 256) add($"tags[{i}].value", "A tag value can be at most 256 characters.");
        }
    }

    private static void ValidateContainers(List<ContainerDraft> containers, Action<string, string> add)
    {
        if (containers.Count == 0) add("containers", "Add at least one container.");
        if (containers.Count > MaxContainers) add("containers", $"A task definition can have at most {MaxContainers} containers.");
        if (containers.Count > 0 && !containers.Any(c => c?.Essential == true))
        {
            add("containers", "Mark at least one container as essential: the task stops when an essential container stops.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        // With awsvpc every container shares the task's network interface, so a port may be used once per protocol.
        var ports = new Dictionary<(int, string), int>();
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i] ?? new ContainerDraft();
            var p = $"containers[{i}]";
            var name = c.Name?.Trim() ?? "";
            if (name.Length == 0) add($"{p}.name", "Enter a container name.");
            else if (!NamePattern().IsMatch(name)) add($"{p}.name", "Use up to 255 letters, digits, hyphens (-) and underscores (_).");
            else if (!names.Add(name)) add($"{p}.name", $"Another container is already called \"{name}\".");

            if (!IsValidImageReference(c.Image, out var imageError)) add($"{p}.image", imageError!);

            var mappings = c.PortMappings ?? [];
            for (var j = 0; j < mappings.Count; j++)
            {
                var m = mappings[j] ?? new PortMappingDraft();
                var mp = $"{p}.portMappings[{j}]";
                var protocol = m.Protocol ?? "";
                if (protocol is not ("tcp" or "udp")) add($"{mp}.protocol", "Choose tcp or udp.");
                if (m.ContainerPort is not { } port)
                {
                    add($"{mp}.containerPort", "Enter a port.");
                }
                else if (port is < 1 or > 65535)
                {
                    add($"{mp}.containerPort", "A port is between 1 and 65535.");
                }
                else
                {
                    if (ports.TryGetValue((port, protocol), out var other))
                    {
                        add($"{mp}.containerPort", other == i
                            ? $"Port {port}/{protocol} is already mapped in this container."
                            : $"Port {port}/{protocol} is already mapped by container {other + 1}; containers of a task share one network interface.");
                    }
                    else
                    {
                        ports[(port, protocol)] = i;
                    }

                    if (m.HostPort is { } host && host != port) add($"{mp}.hostPort", "With awsvpc (Fargate) the host port must be empty or equal to the container port.");
                }

                var portName = m.Name?.Trim() ?? "";
                if (portName.Length > 0)
                {
                    if (!PortNamePattern().IsMatch(portName)) add($"{mp}.name", "Use up to 64 lowercase letters, digits, underscores and hyphens, not starting with a hyphen.");
                    else if (!portNames.Add(portName)) add($"{mp}.name", $"Another port mapping is already named \"{portName}\".");
                }

                var app = m.AppProtocol?.Trim() ?? "";
                if (app.Length > 0)
                {
                    if (app is not ("http" or "http2" or "grpc")) add($"{mp}.appProtocol", "Choose http, http2 or grpc.");
                    else if (portName.Length == 0) add($"{mp}.name", "Name the port mapping when it has an application protocol.");
                    else if (protocol != "tcp") add($"{mp}.appProtocol", "An application protocol needs tcp.");
                }
            }

            var variableNames = new HashSet<string>(StringComparer.Ordinal);
            ValidateVariables(c.Environment?.Select(e => (e?.Name, e?.Value)).ToList() ?? [], $"{p}.environment", variableNames, add);
            var secrets = c.Secrets ?? [];
            ValidateVariables(secrets.Select(s => (s?.Name, s?.ValueFrom)).ToList(), $"{p}.secrets", variableNames, add);
            for (var k = 0; k < secrets.Count; k++)
            {
                var s = secrets[k];
                if (string.IsNullOrWhiteSpace(s?.Name)) continue;
                if (!IsSecretReference(s.ValueFrom))
                {
                    add($"{p}.secrets[{k}].valueFrom",
                        "Use a Secrets Manager secret ARN (arn:aws:secretsmanager:region:account:secret:name) or an SSM parameter ARN or name.");
                }
            }

            if (!CommandLine.TrySplit(c.Command, out _, out var commandError)) add($"{p}.command", commandError!);
            if (!CommandLine.TrySplit(c.EntryPoint, out _, out var entryError)) add($"{p}.entryPoint", entryError!);
            if ((c.WorkingDirectory?.Length ?? 0) > 4096) add($"{p}.workingDirectory", "The working directory is too long.");

            ValidateHealthCheck(c.HealthCheck ?? new HealthCheckDraft(), $"{p}.healthCheck", add);

            if (c.Cpu is < 0) add($"{p}.cpu", "CPU units cannot be negative.");
            if (c.Memory is { } mem && mem < MinContainerMemory) add($"{p}.memory", $"A container needs at least {MinContainerMemory} MiB.");
            if (c.MemoryReservation is { } res)
            {
                if (res < MinContainerMemory) add($"{p}.memoryReservation", $"Reserve at least {MinContainerMemory} MiB.");
                else if (c.Memory is { } hard && res > hard) add($"{p}.memoryReservation", $"The soft limit ({res} MiB) cannot be above the hard limit ({hard} MiB).");
            }
        }
    }

    private static void ValidateVariables(List<(string? Name, string? Value)> rows, string prefix, HashSet<string> seen, Action<string, string> add)
    {
        for (var k = 0; k < rows.Count; k++)
        {
            var name = rows[k].Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                if (!string.IsNullOrEmpty(rows[k].Value)) add($"{prefix}[{k}].name", "Enter a name for this value.");
                continue;
            }

            if (!EnvironmentNamePattern().IsMatch(name)) add($"{prefix}[{k}].name", "Use letters, digits and underscores, not starting with a digit.");
            else if (name.Length > 255) add($"{prefix}[{k}].name", "A variable name can be at most 255 characters.");
            else if (!seen.Add(name)) add($"{prefix}[{k}].name", $"\"{name}\" is already set in this container.");
        }
    }

    private static void ValidateHealthCheck(HealthCheckDraft h, string p, Action<string, string> add)
    {
        if (!h.Enabled) return;
        if (string.IsNullOrWhiteSpace(h.Command)) add($"{p}.command", "Enter the command that checks the container, e.g. curl -f http://localhost/ || exit 1.");
        if (h.Interval is { } i && i is < 5 or > 300) add($"{p}.interval", "The interval is 5 to 300 seconds.");
        if (h.Timeout is { } t && t is < 2 or > 60) add($"{p}.timeout", "The timeout is 2 to 60 seconds.");
        if (h.Retries is { } r && r is < 1 or > 10) add($"{p}.retries", "Retries are 1 to 10.");
        if (h.StartPeriod is { } s && s is < 0 or > 300) add($"{p}.startPeriod", "The start period is 0 to 300 seconds.");
    }

    private static void ValidateSize(TaskDefinitionDraft draft, List<ContainerDraft> containers, Action<string, string> add)
    {
        var os = draft.OperatingSystemFamily ?? "";
        var windows = FargateSizes.IsWindows(os);
        if (!FargateSizes.OperatingSystems.Contains(os)) add("operatingSystemFamily", "Choose LINUX or a Windows Server family.");
        if (!FargateSizes.Architectures.Contains(draft.CpuArchitecture ?? "")) add("cpuArchitecture", "Choose X86_64 or ARM64.");
        else if (windows && draft.CpuArchitecture == "ARM64") add("cpuArchitecture", "Windows containers on Fargate run on X86_64 only.");

        if (SizeError(draft, os, windows) is { } sizeError) add(sizeError.Path, sizeError.Message);

        if (draft.EphemeralStorageGiB is { } gib && gib is < FargateSizes.MinEphemeralStorageGiB or > FargateSizes.MaxEphemeralStorageGiB)
        {
            add("ephemeralStorage", $"Ephemeral storage is {FargateSizes.MinEphemeralStorageGiB} to {FargateSizes.MaxEphemeralStorageGiB} GiB (leave it empty for the included 20 GiB).");
        }

        if (draft.Cpu is { } taskCpu)
        {
            var cpuSum = containers.Sum(c => (long)Math.Max(0, c?.Cpu ?? 0));
            for (var i = 0; i < containers.Count; i++)
            {
                if (containers[i]?.Cpu is { } cc && cc > taskCpu) add($"containers[{i}].cpu", $"{cc} CPU units is more than the task's {taskCpu}.");
            }

            if (cpuSum > taskCpu) add("cpu", $"The containers reserve {cpuSum} CPU units together; the task has {taskCpu}. Choose a larger size or lower the containers' CPU.");
        }

        if (draft.Memory is { } taskMemory)
        {
            long memorySum = 0;
            for (var i = 0; i < containers.Count; i++)
            {
                var c = containers[i];
                if (c is null) continue;
                if (c.Memory is { } m && m > taskMemory) add($"containers[{i}].memory", $"{m} MiB is more than the task's {taskMemory} MiB.");
                if (c.MemoryReservation is { } r && r > taskMemory) add($"containers[{i}].memoryReservation", $"{r} MiB is more than the task's {taskMemory} MiB.");
                memorySum += Math.Max(0, c.MemoryReservation ?? c.Memory ?? 0);
            }

            if (memorySum > taskMemory)
            {
                add("memory", $"The containers reserve {memorySum} MiB together; the task has {taskMemory} MiB. Choose more memory or lower the containers' memory.");
            }
        }
    }

    private static ValidationMessage? SizeError(TaskDefinitionDraft draft, string os, bool windows)
    {
        if (draft.Cpu is not { } cpu) return new("cpu", "Choose the task's CPU.");
        if (draft.Memory is not { } memory) return new("memory", "Choose the task's memory.");
        if (!FargateSizes.All.Any(s => s.Cpu == cpu)) return new("cpu", $"{cpu} CPU units is not a Fargate size; choose 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU.");
        if (windows && cpu < 1024) return new("cpu", "Windows tasks on Fargate need at least 1 vCPU.");
        if (windows && cpu > 4096) return new("cpu", "8 and 16 vCPU are available for Linux tasks only.");
        if (FargateSizes.IsValid(cpu, memory, os)) return null;
        var choices = FargateSizes.MemoryChoices(cpu, os);
        return new("memory", $"{FargateSizes.CpuLabel(cpu)} takes {FargateSizes.MemoryLabel(choices[0])} to {FargateSizes.MemoryLabel(choices[^1])} of memory, not {memory} MiB.");
    }

    private static void ValidateRoles(TaskDefinitionDraft draft, Action<string, string> add)
    {
        const string roleFormat = "Use a role ARN: arn:aws:iam::123456789012:role/name.";
        if (!string.IsNullOrWhiteSpace(draft.TaskRoleArn) && !IsRoleArn(draft.TaskRoleArn)) add("taskRoleArn", roleFormat);
        if (!string.IsNullOrWhiteSpace(draft.ExecutionRoleArn) && !IsRoleArn(draft.ExecutionRoleArn)) add("executionRoleArn", roleFormat);
        if (string.IsNullOrWhiteSpace(draft.ExecutionRoleArn) && ExecutionRoleReason(draft) is { } reason)
        {
            add("executionRoleArn", $"A task execution role is required because {reason}.");
        }
    }

    private static void ValidateLogging(LoggingDraft logging, Action<string, string> add)
    {
        if (logging.Mode != LoggingMode.AwsLogs) return;
        if (!string.IsNullOrWhiteSpace(logging.Group) && !LogGroupPattern().IsMatch(logging.Group.Trim()))
        {
            add("logging.group", "Use up to 512 letters, digits and . - _ / #.");
        }

        if (!string.IsNullOrWhiteSpace(logging.Region) && !RegionPattern().IsMatch(logging.Region.Trim()))
        {
            add("logging.region", "Use a region code such as us-east-1.");
        }

        var prefix = logging.StreamPrefix?.Trim() ?? "";
        if (prefix.Length == 0) add("logging.streamPrefix", "Fargate needs a stream prefix (e.g. ecs) for awslogs.");
        else if (prefix.Length > 512 || prefix.Contains(':') || prefix.Contains('*')) add("logging.streamPrefix", "Use up to 512 characters without ':' or '*'.");
    }
}
