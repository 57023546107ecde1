using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecs;

internal sealed partial class EcsApi
{
    private static ListTasksResponse ListTasks(ListTasksRequest request, RegionContext ctx)
    {
        EcsLookup.CheckMaxResults(request.MaxResults);
        var cluster = Cluster(ctx, request.Cluster);
        var desired = request.DesiredStatus ?? "RUNNING";
        if (desired is not ("RUNNING" or "PENDING" or "STOPPED"))
        {
            throw SandboxApiException.InvalidParameter("desiredStatus must be RUNNING, PENDING or STOPPED.");
        }

        if (request.ServiceName is { Length: > 0 } serviceName)
        {
            _ = EcsLookup.Service(ctx, cluster, serviceName);
        }

        var serviceFilter = request.ServiceName is { Length: > 0 } s ? Arns.LastSegment(s) : null;
        var family = request.Family;
        var arns = ctx.Region.Tasks
            .Where(t => t.ClusterName == cluster.Name)
            .Where(t => TaskTimeline.DesiredStatus(t, ctx.Now) == desired)
            .Where(t => serviceFilter is null || t.ServiceName == serviceFilter)
            .Where(t => family is null || Arns.LastSegment(t.TaskDefinitionArn).Split(':')[0] == family)
            .Where(t => request.StartedBy is null || t.StartedBy == request.StartedBy)
            .Where(t => request.LaunchType is null || t.LaunchType == request.LaunchType)
            .OrderBy(t => t.CreatedAt)
            .Select(t => t.Arn)
            .ToList();
        var page = Paging.Page(arns, request.NextToken, request.MaxResults ?? 100, $"tasks:{cluster.Name}", out var next);
        return new ListTasksResponse { TaskArns = page, NextToken = next };
    }

    private static DescribeTasksResponse DescribeTasks(DescribeTasksRequest request, RegionContext ctx)
    {
        var cluster = Cluster(ctx, request.Cluster);
        var includeTags = request.Include?.Contains("TAGS") == true;
        var (tasks, failures) = DescribeBatch(request.Tasks, MaxDescribeTasks, "Tasks",
            id => EcsLookup.TryTask(ctx, cluster, id), t => EcsRender.Task(ctx, t, includeTags), id => ctx.Arns.Task(cluster.Name, id));
        return new DescribeTasksResponse { Tasks = tasks, Failures = failures };
    }

    private static RunTaskResponse RunTask(RunTaskRequest request, RegionContext ctx)
    {
        var cluster = Cluster(ctx, request.Cluster);
        var count = request.Count ?? 1;
        if (count < 1 || count > MaxRunTaskCount)
        {
            throw SandboxApiException.InvalidParameter($"count must be between 1 and {MaxRunTaskCount}.");
        }

        if (request.ClientToken is { Length: > 0 } token && ctx.Region.ClientTokens.TryGetValue("RunTask:" + token, out var earlier))
        {
            // An idempotent retry: the same tasks again, nothing new started.
            return new RunTaskResponse
            {
                Tasks = [.. earlier.Select(arn => ctx.Region.Tasks.FirstOrDefault(t => t.Arn == arn)).OfType<TaskState>().Select(t => EcsRender.Task(ctx, t, true))],
                Failures = [],
            };
        }

        var definition = RunnableDefinition(ctx, request.TaskDefinition);
        var (launchType, capacityProvider) = LaunchTarget(request.LaunchType, request.CapacityProviderStrategy);

        ValidateOverrides(request.Overrides, definition);
        var network = TaskLauncher.ResolveNetwork(ctx, request.NetworkConfiguration);
        if ((request.Tags?.Count ?? 0) > 50)
        {
            throw SandboxApiException.InvalidParameter("A resource can have at most 50 tags.");
        }

        var tags = new List<Tag>(request.Tags ?? []);
        if (request.PropagateTags == "TASK_DEFINITION")
        {
            var definitionTags = ctx.Region.TaskDefinitions.First(d => d.Definition == definition).Tags;
            tags.AddRange(definitionTags.Where(t => tags.All(x => x.Key != t.Key)));
        }

        var started = new List<TaskState>();
        for (var i = 0; i < count; i++)
        {
            started.Add(TaskLauncher.Launch(ctx, new LaunchSpec(
                cluster.Name, definition, launchType, capacityProvider, network, request.StartedBy,
                request.Group ?? $"family:{definition.Family}", request.Overrides, [.. tags],
                EnableExecuteCommand: request.EnableExecuteCommand ?? false), ctx.Now));
        }

        if (request.ClientToken is { Length: > 0 } newToken)
        {
            ctx.Region.ClientTokens["RunTask:" + newToken] = [.. started.Select(t => t.Arn)];
        }

        return new RunTaskResponse { Tasks = [.. started.Select(t => EcsRender.Task(ctx, t, true))], Failures = [] };
    }

    /// <summary>FARGATE, FARGATE_SPOT or the cluster's default strategy (FARGATE); EC2 has no instances here.</summary>
    private static (string LaunchType, string? CapacityProvider) LaunchTarget(string? launchType, List<CapacityProviderStrategyItem>? strategy)
    {
        if (launchType is not null && strategy is { Count: > 0 })
        {
            throw SandboxApiException.InvalidParameter("Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        }

        if (strategy is { Count: > 0 })
        {
            var provider = strategy.OrderByDescending(s => s.Base ?? 0).ThenByDescending(s => s.Weight ?? 0).First().CapacityProvider;
            return provider is "FARGATE" or "FARGATE_SPOT"
                ? ("FARGATE", provider)
                : throw SandboxApiException.InvalidParameter($"The specified capacity provider '{provider}' is not associated with the cluster.");
        }

        return launchType switch
        {
            null => ("FARGATE", "FARGATE"),
            "FARGATE" => ("FARGATE", null),
            "EC2" => throw SandboxApiException.InvalidParameter("No Container Instances were found in your cluster."),
            "EXTERNAL" => throw SandboxApiException.InvalidParameter("No Container Instances were found in your cluster."),
            _ => throw SandboxApiException.InvalidParameter($"launchType must be EC2, FARGATE or EXTERNAL, not '{launchType}'."),
        };
    }

    private static void ValidateOverrides(TaskOverride? overrides, TaskDefinition definition)
    {
        foreach (var container in overrides?.ContainerOverrides ?? [])
        {
            if (definition.ContainerDefinitions?.Any(c => c.Name == container.Name) != true)
            {
                throw SandboxApiException.InvalidParameter($"Override for container named {container.Name} is not a container in the TaskDefinition.");
            }
        }

        if (overrides?.Cpu is not null || overrides?.Memory is not null)
        {
            var cpu = FargateSizes.ParseCpu(overrides.Cpu ?? definition.Cpu);
            var memory = FargateSizes.ParseMemory(overrides.Memory ?? definition.Memory);
            if (cpu is null || memory is null || !FargateSizes.IsValid(cpu.Value, memory.Value))
            {
                throw SandboxApiException.Client($"No Fargate configuration exists for given values: {overrides.Cpu ?? definition.Cpu} CPU, {overrides.Memory ?? definition.Memory} memory. See the Amazon ECS documentation for the valid values.");
            }
        }
    }

    private static StopTaskResponse StopTask(StopTaskRequest request, RegionContext ctx)
    {
        var cluster = Cluster(ctx, request.Cluster);
        if (string.IsNullOrWhiteSpace(request.Task))
        {
            throw SandboxApiException.InvalidParameter("Task can not be blank.");
        }

        var task = EcsLookup.TryTask(ctx, cluster, request.Task)
            ?? throw SandboxApiException.InvalidParameter("The referenced task was not found.");
        if (request.Reason is { Length: > 1024 })
        {
            throw SandboxApiException.InvalidParameter("reason can be at most 1024 characters.");
        }

        TaskLauncher.RequestStop(ctx, task, "UserInitiated", string.IsNullOrWhiteSpace(request.Reason) ? "Task stopped by user" : request.Reason);
        return new StopTaskResponse { Task = EcsRender.Task(ctx, task, false) };
    }
}
