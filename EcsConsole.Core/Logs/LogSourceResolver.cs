using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Commands;

namespace EcsConsole.Core.Logs;

/// <summary>
/// Finds where a task's containers write their logs: DescribeTasks, then DescribeTaskDefinition
/// for each container's logConfiguration. awslogs gives group and stream
/// (<c>&lt;prefix&gt;/&lt;container&gt;/&lt;task-id&gt;</c>); any other driver gets a sentence saying why there is nothing to read here.
/// </summary>
public sealed class LogSourceResolver(AwsClientFactory clients)
{
    public async Task<EcsTaskLogSources?> ResolveTaskAsync(AwsTarget target, string cluster, string taskId, CancellationToken cancellationToken)
    {
        var ecs = clients.For(target.Connection, target.Region).Ecs;
        var tasks = await ecs.DescribeTasksBatchedAsync(cluster, [taskId], cancellationToken).ConfigureAwait(false);
        if (tasks.Count == 0) return null;
        var definitions = await DescribeDefinitionsAsync(ecs, tasks, cancellationToken).ConfigureAwait(false);
        return FromTask(cluster, tasks[0], definitions.GetValueOrDefault(tasks[0].TaskDefinitionArn ?? ""), target.Region);
    }

    /// <summary>The running tasks of a service, each with its sources (merged into one view by the viewer).</summary>
    public async Task<IReadOnlyList<EcsTaskLogSources>> ResolveServiceAsync(AwsTarget target, string cluster, string service, CancellationToken cancellationToken)
    {
        var ecs = clients.For(target.Connection, target.Region).Ecs;
        var arns = new List<string>();
        await foreach (var arn in ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = cluster, ServiceName = service }, cancellationToken).ConfigureAwait(false))
        {
            arns.Add(arn);
        }

        if (arns.Count == 0) return [];
        var tasks = await ecs.DescribeTasksBatchedAsync(cluster, arns, cancellationToken).ConfigureAwait(false);
        var definitions = await DescribeDefinitionsAsync(ecs, tasks, cancellationToken).ConfigureAwait(false);
        return [.. tasks
            .OrderBy(t => t.StartedAt ?? t.CreatedAt)
            .Select(t => FromTask(cluster, t, definitions.GetValueOrDefault(t.TaskDefinitionArn ?? ""), target.Region))];
    }

    private static async Task<Dictionary<string, TaskDefinition>> DescribeDefinitionsAsync(
        Aws.Ecs.EcsClient ecs, IReadOnlyList<EcsTask> tasks, CancellationToken ct)
    {
        var result = new Dictionary<string, TaskDefinition>(StringComparer.Ordinal);
        // Tasks of one service share a revision or two: one DescribeTaskDefinition per distinct ARN.
        foreach (var arn in tasks.Select(t => t.TaskDefinitionArn).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var response = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = arn }, ct).ConfigureAwait(false);
            if (response.TaskDefinition is { } def) result[arn] = def;
        }

        return result;
    }

    /// <summary>Maps a described task and its definition to the log source of each container.</summary>
    public static EcsTaskLogSources FromTask(string cluster, EcsTask task, TaskDefinition? definition, string taskRegion)
    {
        var taskArn = task.TaskArn ?? "";
        var taskId = LogStreamNames.TaskIdOf(taskArn);
        var containerNames = (task.Containers ?? []).Select(c => c.Name).OfType<string>().ToList();
        var definitions = definition?.ContainerDefinitions ?? [];
        if (containerNames.Count == 0) containerNames = [.. definitions.Select(d => d.Name).OfType<string>()];
        var sources = containerNames
            .Select(name => ForContainer(taskId, name, definitions.FirstOrDefault(d => d.Name == name)?.LogConfiguration, taskRegion, definition is null))
            .ToList();
        return new EcsTaskLogSources(cluster, taskArn, taskId, task.LastStatus ?? "UNKNOWN", task.StartedAt ?? task.CreatedAt, task.StoppedAt, sources);
    }

    public static ContainerLogSource ForContainer(string taskId, string container, LogConfiguration? configuration, string taskRegion, bool definitionMissing = false)
    {
        if (definitionMissing)
        {
            return new ContainerLogSource(taskId, container, "unknown", null, taskRegion,
                $"The task definition of this task could not be read, so where container {container} writes its logs is unknown.");
        }

        var driver = configuration?.LogDriver ?? "";
        var options = configuration?.Options ?? [];
        var region = options.GetValueOrDefault("awslogs-region") is { Length: > 0 } r ? r : taskRegion;
        return driver switch
        {
            "awslogs" when options.GetValueOrDefault("awslogs-group") is not { Length: > 0 } => new(taskId, container, driver, null, region,
                $"Container {container} uses the awslogs driver without an awslogs-group option, so there is no log group to read."),
            "awslogs" when options.GetValueOrDefault("awslogs-stream-prefix") is not { Length: > 0 } => new(taskId, container, driver, null, region,
                $"Container {container} uses awslogs without awslogs-stream-prefix, so its stream is named after a container id this console cannot know. " +
                $"Browse the log group {options["awslogs-group"]} instead, or add a stream prefix to the task definition."),
            "awslogs" => new(taskId, container, driver,
                new LogStreamRef(options["awslogs-group"], LogStreamNames.ForContainer(options["awslogs-stream-prefix"], container, taskId), container),
                region, null),
            "" => new(taskId, container, "none", null, region,
                $"Container {container} has no log configuration: ECS discards what it prints. " +
                "Add the awslogs log driver to its task definition to see its output here."),
            "none" => new(taskId, container, driver, null, region,
                $"Container {container} uses the \"none\" log driver: ECS discards what it prints."),
            "awsfirelens" => new(taskId, container, driver, null, region,
                $"Container {container} sends its logs through FireLens (awsfirelens) to the destination its Fluent Bit or Fluentd " +
                $"configuration names{Describe(options, "Name", "log_group_name", "region")}. Those are not awslogs streams, so they are not shown here: " +
                "open them where FireLens delivers them."),
            "splunk" => new(taskId, container, driver, null, region,
                $"Container {container} sends its logs to Splunk{Describe(options, "splunk-url", "splunk-index")}. Open them in Splunk; only awslogs streams can be shown here."),
            _ => new(taskId, container, driver, null, region,
                $"Container {container} uses the {driver} log driver. Only the awslogs driver writes to CloudWatch Logs streams this console can read."),
        };
    }

    private static string Describe(Dictionary<string, string> options, params string[] keys)
    {
        var parts = keys.Where(k => options.ContainsKey(k) && !string.IsNullOrWhiteSpace(options[k])).Select(k => $"{k}={options[k]}").ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }
}
