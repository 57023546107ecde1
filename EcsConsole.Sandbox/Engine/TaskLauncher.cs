using System.Net;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Engine;

/// <summary>What a new task is made of, whoever starts it (RunTask or a service).</summary>
internal sealed record LaunchSpec(
    string ClusterName,
    TaskDefinition Definition,
    string LaunchType,
    string? CapacityProvider,
    ResolvedNetwork Network,
    string? StartedBy,
    string Group,
    TaskOverride? Overrides,
    List<Tag> Tags,
    string? ServiceName = null,
    string? DeploymentId = null,
    bool EnableExecuteCommand = false);

/// <summary>An awsvpc configuration checked against the region's subnets and security groups.</summary>
internal sealed record ResolvedNetwork(IReadOnlyList<SubnetState> Subnets, IReadOnlyList<string> SecurityGroups, bool AssignPublicIp);

/// <summary>Starts and stops tasks: allocates their ENI and addresses and plans how they will end.</summary>
internal static class TaskLauncher
{
    public const string LogGroupMissingReason =
        "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1";

    public static ResolvedNetwork ResolveNetwork(RegionContext ctx, NetworkConfiguration? configuration)
    {
        var vpc = configuration?.AwsvpcConfiguration
            ?? throw SandboxApiException.InvalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        if (vpc.Subnets is not { Count: > 0 })
        {
            throw SandboxApiException.InvalidParameter("subnets can not be empty.");
        }

        if (vpc.Subnets.Count > 16)
        {
            throw SandboxApiException.InvalidParameter("subnets can have at most 16 items.");
        }

        var subnets = new List<SubnetState>();
        foreach (var id in vpc.Subnets)
        {
            var subnet = ctx.Region.Subnets.FirstOrDefault(s => s.SubnetId == id)
                ?? throw SandboxApiException.InvalidParameter(
                    $"Error retrieving subnet information for [{id}]: The subnet ID '{id}' does not exist (ErrorCode: InvalidSubnetID.NotFound)");
            subnets.Add(subnet);
        }

        if (subnets.Select(s => s.VpcId).Distinct().Count() > 1)
        {
            throw SandboxApiException.InvalidParameter("The subnets must belong to the same VPC.");
        }

        var vpcId = subnets[0].VpcId;
        var groups = new List<string>();
        foreach (var id in vpc.SecurityGroups ?? [])
        {
            var group = ctx.Region.SecurityGroups.FirstOrDefault(g => g.GroupId == id)
                ?? throw SandboxApiException.InvalidParameter(
                    $"Error retrieving security group information for [{id}]: The security group '{id}' does not exist (ErrorCode: InvalidGroup.NotFound)");
            if (group.VpcId != vpcId)
            {
                throw SandboxApiException.InvalidParameter($"Security group {id} and subnet {subnets[0].SubnetId} belong to different networks.");
            }

            groups.Add(group.GroupId);
        }

        if (groups.Count == 0)
        {
            // Like AWS: without security groups the VPC's default group is used.
            groups.Add(ctx.Region.SecurityGroups.First(g => g.VpcId == vpcId && g.GroupName == "default").GroupId);
        }

        var assign = vpc.AssignPublicIp ?? "DISABLED";
        if (assign is not ("ENABLED" or "DISABLED"))
        {
            throw SandboxApiException.InvalidParameter($"assignPublicIp must be ENABLED or DISABLED, not '{assign}'.");
        }

        return new ResolvedNetwork(subnets, groups, assign == "ENABLED");
    }

    public static TaskState Launch(RegionContext ctx, LaunchSpec spec, DateTimeOffset at)
    {
        var life = ctx.Lifecycle;
        var id = Guid.NewGuid().ToString("N");
        var definition = spec.Definition;
        var subnet = spec.Network.Subnets
            .OrderBy(s => ctx.Region.Tasks.Count(t => t.Network.SubnetId == s.SubnetId && TaskTimeline.HasEni(t, at)))
            .ThenBy(_ => Random.Shared.Next())
            .First();
        var task = new TaskState
        {
            Id = id,
            Arn = ctx.Arns.Task(spec.ClusterName, id),
            ClusterName = spec.ClusterName,
            TaskDefinitionArn = definition.TaskDefinitionArn!,
            Group = spec.Group,
            StartedBy = spec.StartedBy,
            LaunchType = spec.LaunchType,
            CapacityProviderName = spec.CapacityProvider,
            Cpu = spec.Overrides?.Cpu ?? definition.Cpu ?? "256",
            Memory = spec.Overrides?.Memory ?? definition.Memory ?? "512",
            ServiceName = spec.ServiceName,
            DeploymentId = spec.DeploymentId,
            EnableExecuteCommand = spec.EnableExecuteCommand,
            Overrides = spec.Overrides ?? new TaskOverride { ContainerOverrides = [] },
            Tags = spec.Tags,
            CreatedAt = at,
            PendingAt = at + life.Provisioning,
            ActivatingAt = at + life.Provisioning + life.Pending,
            RunningAt = at + life.Provisioning + life.Pending + life.Activating,
            Network = new TaskNetworkState
            {
                SubnetId = subnet.SubnetId,
                VpcId = subnet.VpcId,
                AvailabilityZone = subnet.AvailabilityZone,
                SecurityGroups = [.. spec.Network.SecurityGroups],
                PrivateIp = AllocatePrivateIp(ctx, subnet, at),
                PublicIp = spec.Network.AssignPublicIp ? AllocatePublicIp(ctx, at) : null,
                EniId = "eni-0" + RandomHex(16),
                AttachmentId = Guid.NewGuid().ToString(),
                MacAddress = "0e:" + string.Join(':', Enumerable.Range(0, 5).Select(_ => RandomHex(2))),
            },
        };

        foreach (var container in definition.ContainerDefinitions ?? [])
        {
            var log = container.LogConfiguration;
            string? group = null;
            string? stream = null;
            if (log?.LogDriver == "awslogs" && log.Options is { } options && options.TryGetValue("awslogs-group", out var g))
            {
                group = g;
                var prefix = options.GetValueOrDefault("awslogs-stream-prefix");
                stream = string.IsNullOrEmpty(prefix) ? id : $"{prefix}/{container.Name}/{id}";
            }

            task.Containers.Add(new TaskContainerState
            {
                Name = container.Name ?? "",
                Image = container.Image ?? "",
                ContainerArn = ctx.Arns.Container(spec.ClusterName, id),
                RuntimeId = $"{id}-{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}",
                ImageDigest = ImageDigest(ctx, container.Image ?? ""),
                Essential = container.Essential ?? true,
                Cpu = container.Cpu,
                Memory = container.Memory,
                Ports = [.. (container.PortMappings ?? []).Select(p => p.ContainerPort ?? 0).Where(p => p > 0)],
                LogGroup = group,
                LogStream = stream,
            });
        }

        PlanFailures(ctx, task, definition);
        ctx.Region.Tasks.Add(task);
        return task;
    }

    /// <summary>Asks a task to stop now (StopTask, the scheduler). A task already stopping keeps its first reason.</summary>
    public static void RequestStop(RegionContext ctx, TaskState task, string code, string reason)
    {
        var now = ctx.Now;
        if (task.Stop is { } existing && existing.At <= now) return;
        var ran = now >= task.RunningAt;
        PlanStop(ctx, task, now, code, reason, ran ? 0 : null, null);
    }

    private static void PlanFailures(RegionContext ctx, TaskState task, TaskDefinition definition)
    {
        var duringPull = task.PendingAt + (task.ActivatingAt - task.PendingAt) / 2;
        foreach (var container in task.Containers)
        {
            if (IsMissingImage(ctx, container.Image))
            {
                var reason = $"CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref {container.Image}: {container.Image}: not found";
                PlanStop(ctx, task, duringPull, "TaskFailedToStart", reason, null, reason);
                return;
            }
        }

        foreach (var container in definition.ContainerDefinitions ?? [])
        {
            if (container.LogConfiguration is { LogDriver: "awslogs", Options: { } options }
                && options.TryGetValue("awslogs-group", out var group)
                && ctx.Region.LogGroups.All(g => g.Name != group))
            {
                if (options.GetValueOrDefault("awslogs-create-group") is "true")
                {
                    ctx.Region.LogGroups.Add(new LogGroupState { Name = group, CreatedAt = task.PendingAt });
                }
                else
                {
                    PlanStop(ctx, task, duringPull, "TaskFailedToStart", LogGroupMissingReason, null, null);
                    return;
                }
            }
        }

        if (task.Containers.Any(c => c.Essential && c.Image.EndsWith(":crash", StringComparison.Ordinal)))
        {
            PlanStop(ctx, task, task.RunningAt + ctx.Lifecycle.CrashAfter, "EssentialContainerExited",
                "Essential container in task exited", 1, null);
        }
    }

    private static void PlanStop(RegionContext ctx, TaskState task, DateTimeOffset at, string code, string reason, int? exitCode, string? containerReason)
    {
        var deprovisioning = at + ctx.Lifecycle.Stopping;
        task.Stop = new StopState
        {
            At = at,
            DeprovisioningAt = deprovisioning,
            StoppedAt = deprovisioning + ctx.Lifecycle.Deprovisioning,
            Code = code,
            Reason = reason,
            ExitCode = exitCode,
            ContainerReason = containerReason,
        };
        task.StopHandled = false;
    }

    /// <summary>Images in this account's ECR registry must exist there; images elsewhere are assumed pullable.</summary>
    private static bool IsMissingImage(RegionContext ctx, string image)
        => ParseRegistryImage(ctx, image) is { } reference && FindImage(ctx, reference.Repository, reference.Tag) is null;

    private static string? ImageDigest(RegionContext ctx, string image)
        => ParseRegistryImage(ctx, image) is { } reference ? FindImage(ctx, reference.Repository, reference.Tag)?.Digest : null;

    private static ImageState? FindImage(RegionContext ctx, string repository, string tag)
        => ctx.Region.Repositories.FirstOrDefault(r => r.Name == repository)?.Images
            .FirstOrDefault(i => tag.StartsWith("sha256:", StringComparison.Ordinal) ? i.Digest == tag : i.Tags.Contains(tag));

    private static (string Repository, string Tag)? ParseRegistryImage(RegionContext ctx, string image)
    {
        var prefix = ctx.Arns.RegistryHost + "/";
        if (!image.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = image[prefix.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) return (rest[..at], rest[(at + 1)..]);
        var colon = rest.LastIndexOf(':');
        return colon >= 0 ? (rest[..colon], rest[(colon + 1)..]) : (rest, "latest");
    }

    private static string AllocatePrivateIp(RegionContext ctx, SubnetState subnet, DateTimeOffset at)
    {
        var (network, prefix) = ParseCidr(subnet.CidrBlock);
        var size = 1u << (32 - prefix);
        var used = ctx.Region.Tasks.Where(t => t.Network.SubnetId == subnet.SubnetId && TaskTimeline.HasEni(t, at))
            .Select(t => t.Network.PrivateIp).ToHashSet(StringComparer.Ordinal);
        // AWS reserves the first four addresses and the last one of every subnet.
        var usable = size - 5;
        var start = (uint)Random.Shared.NextInt64(usable);
        for (uint i = 0; i < usable; i++)
        {
            var candidate = ToAddress(network + 4 + ((start + i) % usable));
            if (!used.Contains(candidate)) return candidate;
        }

        throw SandboxApiException.InvalidParameter($"There are no free IP addresses left in subnet {subnet.SubnetId}.");
    }

    private static string AllocatePublicIp(RegionContext ctx, DateTimeOffset at)
    {
        var used = ctx.Account.PublicIpsInUse(at);
        used.UnionWith(ctx.Region.Tasks.Where(t => t.Network.PublicIp is not null && TaskTimeline.HasEni(t, at)).Select(t => t.Network.PublicIp!));
        // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): documentation addresses that never route anywhere.
        for (var host = 10; host < 255; host++)
        {
            var candidate = $"203.0.113.{host}";
            if (!used.Contains(candidate)) return candidate;
        }

        throw SandboxApiException.InvalidParameter("The sandbox has run out of public IPv4 addresses (203.0.113.10–254); stop some tasks.");
    }

    internal static (uint Network, int Prefix) ParseCidr(string cidr)
    {
        var parts = cidr.Split('/');
        var bytes = IPAddress.Parse(parts[0]).GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return (value, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string ToAddress(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";

    internal static string RandomHex(int length)
        => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..length];
}
