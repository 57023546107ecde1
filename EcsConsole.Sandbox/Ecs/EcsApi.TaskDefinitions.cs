using System.Globalization;
using System.Text.RegularExpressions;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecs;

internal sealed partial class EcsApi
{
    public const int MaxContainers = 10;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,255}$")]
    private static partial Regex NamePattern();

    private static RegisterTaskDefinitionResponse RegisterTaskDefinition(RegisterTaskDefinitionRequest request, RegionContext ctx)
    {
        var state = Register(ctx, request);
        return new RegisterTaskDefinitionResponse { TaskDefinition = state.Definition, Tags = [.. state.Tags] };
    }

    /// <summary>Validates and stores a new revision, with the checks and messages ECS uses.</summary>
    internal static TaskDefinitionState Register(RegionContext ctx, RegisterTaskDefinitionRequest request)
    {
        var family = request.Family;
        if (string.IsNullOrWhiteSpace(family))
        {
            throw SandboxApiException.Client("Family can not be blank.");
        }

        if (!NamePattern().IsMatch(family))
        {
            throw SandboxApiException.Client("Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.");
        }

        var containers = request.ContainerDefinitions ?? [];
        if (containers.Count == 0)
        {
            throw SandboxApiException.Client("Container list cannot be empty.");
        }

        if (containers.Count > MaxContainers)
        {
            throw SandboxApiException.Client($"Too many containers were specified. A task definition can have at most {MaxContainers} containers.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            if (string.IsNullOrEmpty(container.Name) || !NamePattern().IsMatch(container.Name))
            {
                throw SandboxApiException.Client($"Container name '{container.Name}' is invalid. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
            }

            if (!names.Add(container.Name))
            {
                throw SandboxApiException.Client($"Container names must be unique within a task definition: '{container.Name}' is used twice.");
            }

            if (string.IsNullOrWhiteSpace(container.Image))
            {
                throw SandboxApiException.Client($"Container.image should not be null or empty (container '{container.Name}').");
            }
        }

        if (!containers.Any(c => c.Essential ?? true))
        {
            throw SandboxApiException.Client("A task definition must have at least one essential container.");
        }

        var networkMode = request.NetworkMode ?? "bridge";
        if (networkMode is not ("bridge" or "host" or "awsvpc" or "none"))
        {
            throw SandboxApiException.Client($"Network mode '{networkMode}' is not valid. Valid values: bridge, host, awsvpc, none.");
        }

        var requires = request.RequiresCompatibilities ?? [];
        var fargate = requires.Contains("FARGATE");
        var cpu = FargateSizes.ParseCpu(request.Cpu);
        var memory = FargateSizes.ParseMemory(request.Memory);
        if (request.Cpu is not null && cpu is null)
        {
            throw SandboxApiException.Client($"Invalid 'cpu' setting for task: '{request.Cpu}'.");
        }

        if (request.Memory is not null && memory is null)
        {
            throw SandboxApiException.Client($"Invalid 'memory' setting for task: '{request.Memory}'.");
        }

        if (fargate)
        {
            if (networkMode != "awsvpc")
            {
                throw SandboxApiException.Client("Fargate only supports network mode ‘awsvpc’.");
            }

            if (cpu is null)
            {
                throw SandboxApiException.Client("Fargate requires that 'cpu' be defined at the task level.");
            }

            if (memory is null)
            {
                throw SandboxApiException.Client("Fargate requires that 'memory' be defined at the task level.");
            }

            if (!FargateSizes.IsValid(cpu.Value, memory.Value))
            {
                throw SandboxApiException.Client($"No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values.");
            }

            var windows = request.RuntimePlatform?.OperatingSystemFamily?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;
            if (windows && cpu < 1024)
            {
                throw SandboxApiException.Client("Fargate Windows tasks require at least 1 vCPU (1024 CPU units).");
            }
        }

        var containerMemory = containers.Sum(c => c.Memory ?? c.MemoryReservation ?? 0);
        if (memory is { } taskMemory && containerMemory > taskMemory)
        {
            throw SandboxApiException.Client($"The sum of the containers' memory ({containerMemory} MiB) is more than the task's memory ({taskMemory} MiB).");
        }

        foreach (var container in containers)
        {
            if (networkMode == "awsvpc" && (container.PortMappings ?? []).Any(p => p.HostPort is { } host && host != p.ContainerPort))
            {
                throw SandboxApiException.Client("When networkMode=awsvpc, the host ports and container ports in port mappings must match.");
            }

            if (container.LogConfiguration is { LogDriver: "awslogs" } log)
            {
                var options = log.Options ?? [];
                if (string.IsNullOrWhiteSpace(options.GetValueOrDefault("awslogs-group")))
                {
                    throw SandboxApiException.Client($"Log driver awslogs option 'awslogs-group' should not be null or empty (container '{container.Name}').");
                }

                if (fargate && string.IsNullOrWhiteSpace(options.GetValueOrDefault("awslogs-stream-prefix")))
                {
                    throw SandboxApiException.Client($"Log driver awslogs option 'awslogs-stream-prefix' should not be null or empty: Fargate requires it (container '{container.Name}').");
                }

                if (fargate && string.IsNullOrWhiteSpace(request.ExecutionRoleArn))
                {
                    throw SandboxApiException.Client("Fargate requires task definition to have execution role ARN to support log driver awslogs.");
                }
            }
        }

        if (request.EphemeralStorage?.SizeInGiB is { } size && (size < 21 || size > 200))
        {
            throw SandboxApiException.Client("The ephemeral storage size must be between 21 GiB and 200 GiB.");
        }

        if ((request.Tags?.Count ?? 0) > 50)
        {
            throw SandboxApiException.InvalidParameter("A resource can have at most 50 tags.");
        }

        var revision = ctx.Region.LastRevisions.GetValueOrDefault(family) + 1;
        ctx.Region.LastRevisions[family] = revision;
        var awsvpcCapable = networkMode == "awsvpc" && cpu is not null && memory is not null && FargateSizes.IsValid(cpu.Value, memory.Value);
        var definition = new TaskDefinition
        {
            TaskDefinitionArn = ctx.Arns.TaskDefinition(family, revision),
            ContainerDefinitions = [.. containers.Select(c => c with
            {
                Essential = c.Essential ?? true,
                Cpu = c.Cpu ?? 0,
                PortMappings = [.. (c.PortMappings ?? []).Select(p => p with
                {
                    HostPort = networkMode == "awsvpc" ? p.ContainerPort : p.HostPort,
                    Protocol = p.Protocol ?? "tcp",
                })],
                Environment = c.Environment ?? [],
                MountPoints = c.MountPoints ?? [],
                VolumesFrom = c.VolumesFrom ?? [],
                SystemControls = c.SystemControls ?? [],
            })],
            Family = family,
            TaskRoleArn = request.TaskRoleArn,
            ExecutionRoleArn = request.ExecutionRoleArn,
            NetworkMode = networkMode,
            Revision = revision,
            Volumes = request.Volumes ?? [],
            Status = "ACTIVE",
            RequiresAttributes = [.. RequiredAttributes(request)],
            PlacementConstraints = request.PlacementConstraints ?? [],
            Compatibilities = awsvpcCapable ? ["EC2", "FARGATE"] : ["EC2"],
            RuntimePlatform = request.RuntimePlatform,
            RequiresCompatibilities = requires.Count > 0 ? requires : null,
            Cpu = cpu?.ToString(CultureInfo.InvariantCulture),
            Memory = memory?.ToString(CultureInfo.InvariantCulture),
            PidMode = request.PidMode,
            IpcMode = request.IpcMode,
            ProxyConfiguration = request.ProxyConfiguration,
            RegisteredAt = ctx.Now,
            RegisteredBy = ctx.Arns.Root,
            EphemeralStorage = request.EphemeralStorage,
            EnableFaultInjection = request.EnableFaultInjection ?? false,
        };
        var state = new TaskDefinitionState { Definition = definition, Tags = [.. request.Tags ?? []] };
        ctx.Region.TaskDefinitions.Add(state);
        return state;
    }

    private static IEnumerable<EcsAttribute> RequiredAttributes(RegisterTaskDefinitionRequest request)
    {
        yield return new EcsAttribute { Name = "com.amazonaws.ecs.capability.docker-remote-api.1.18" };
        if (request.NetworkMode == "awsvpc") yield return new EcsAttribute { Name = "ecs.capability.task-eni" };
        if (request.ContainerDefinitions?.Any(c => c.LogConfiguration?.LogDriver == "awslogs") == true)
        {
            yield return new EcsAttribute { Name = "com.amazonaws.ecs.capability.logging-driver.awslogs" };
            yield return new EcsAttribute { Name = "ecs.capability.execution-role-awslogs" };
            yield return new EcsAttribute { Name = "com.amazonaws.ecs.capability.docker-remote-api.1.19" };
        }

        if (request.ContainerDefinitions?.Any(c => c.Image?.Contains(".dkr.ecr.", StringComparison.Ordinal) == true) == true)
        {
            yield return new EcsAttribute { Name = "ecs.capability.execution-role-ecr-pull" };
        }
    }

    private static DescribeTaskDefinitionResponse DescribeTaskDefinition(DescribeTaskDefinitionRequest request, RegionContext ctx)
    {
        var state = EcsLookup.TaskDefinition(ctx, request.TaskDefinition);
        return new DescribeTaskDefinitionResponse
        {
            TaskDefinition = state.Definition,
            Tags = request.Include?.Contains("TAGS") == true ? [.. state.Tags] : null,
        };
    }

    private static DeregisterTaskDefinitionResponse DeregisterTaskDefinition(DeregisterTaskDefinitionRequest request, RegionContext ctx)
    {
        var reference = request.TaskDefinition ?? "";
        var text = Arns.LastSegment(reference);
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            throw SandboxApiException.Client("A revision must be specified: deregister takes family:revision or a full ARN.");
        }

        var state = EcsLookup.TryTaskDefinition(ctx, reference)
            ?? throw SandboxApiException.Client("The specified task definition does not exist.");
        if (state.Definition.Status == "ACTIVE")
        {
            state.Definition = state.Definition with { Status = "INACTIVE", DeregisteredAt = ctx.Now };
        }

        return new DeregisterTaskDefinitionResponse { TaskDefinition = state.Definition };
    }

    private static DeleteTaskDefinitionsResponse DeleteTaskDefinitions(DeleteTaskDefinitionsRequest request, RegionContext ctx)
    {
        var references = request.TaskDefinitions ?? [];
        if (references.Count == 0)
        {
            throw SandboxApiException.InvalidParameter("taskDefinitions can not be empty.");
        }

        if (references.Count > MaxDeleteTaskDefinitions)
        {
            throw SandboxApiException.InvalidParameter($"taskDefinitions can have at most {MaxDeleteTaskDefinitions} items.");
        }

        var deleted = new List<TaskDefinition>();
        var failures = new List<Failure>();
        foreach (var reference in references)
        {
            var state = Arns.LastSegment(reference).Contains(':', StringComparison.Ordinal) ? EcsLookup.TryTaskDefinition(ctx, reference) : null;
            if (state is null)
            {
                failures.Add(new Failure { Arn = reference, Reason = "The specified task definition does not exist. Specify a valid account, family, revision and try again." });
            }
            else if (state.Definition.Status == "ACTIVE")
            {
                failures.Add(new Failure { Arn = state.Definition.TaskDefinitionArn, Reason = "The specified task definition is currently in the ACTIVE status. Deregister it first, then try again." });
            }
            else
            {
                if (state.Definition.Status == "INACTIVE")
                {
                    state.Definition = state.Definition with { Status = "DELETE_IN_PROGRESS", DeleteRequestedAt = ctx.Now };
                }

                deleted.Add(state.Definition);
            }
        }

        return new DeleteTaskDefinitionsResponse { TaskDefinitions = deleted, Failures = failures };
    }

    private static ListTaskDefinitionFamiliesResponse ListTaskDefinitionFamilies(ListTaskDefinitionFamiliesRequest request, RegionContext ctx)
    {
        EcsLookup.CheckMaxResults(request.MaxResults);
        var status = request.Status ?? "ALL";
        if (status is not ("ACTIVE" or "INACTIVE" or "ALL"))
        {
            throw SandboxApiException.InvalidParameter("status must be ACTIVE, INACTIVE or ALL.");
        }

        var families = ctx.Region.TaskDefinitions
            .GroupBy(d => d.Definition.Family!, StringComparer.Ordinal)
            .Where(g => request.FamilyPrefix is null || g.Key.StartsWith(request.FamilyPrefix, StringComparison.Ordinal))
            .Where(g => status switch
            {
                "ACTIVE" => g.Any(d => d.Definition.Status == "ACTIVE"),
                "INACTIVE" => g.All(d => d.Definition.Status != "ACTIVE"),
                _ => true,
            })
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        var page = Paging.Page(families, request.NextToken, request.MaxResults ?? 100, "families", out var next);
        return new ListTaskDefinitionFamiliesResponse { Families = page, NextToken = next };
    }

    private static ListTaskDefinitionsResponse ListTaskDefinitions(ListTaskDefinitionsRequest request, RegionContext ctx)
    {
        EcsLookup.CheckMaxResults(request.MaxResults);
        var status = request.Status ?? "ACTIVE";
        if (status is not ("ACTIVE" or "INACTIVE" or "DELETE_IN_PROGRESS"))
        {
            throw SandboxApiException.InvalidParameter("status must be ACTIVE, INACTIVE or DELETE_IN_PROGRESS.");
        }

        var query = ctx.Region.TaskDefinitions
            .Where(d => d.Definition.Status == status)
            .Where(d => request.FamilyPrefix is null || d.Definition.Family == request.FamilyPrefix)
            .Select(d => d.Definition);
        var ordered = request.Sort == "DESC"
            ? query.OrderBy(d => d.Family, StringComparer.Ordinal).ThenByDescending(d => d.Revision)
            : query.OrderBy(d => d.Family, StringComparer.Ordinal).ThenBy(d => d.Revision);
        var arns = ordered.Select(d => d.TaskDefinitionArn!).ToList();
        var page = Paging.Page(arns, request.NextToken, request.MaxResults ?? 100, "taskdefs:" + status, out var next);
        return new ListTaskDefinitionsResponse { TaskDefinitionArns = page, NextToken = next };
    }
}
