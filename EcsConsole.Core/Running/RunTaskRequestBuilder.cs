using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Running;

/// <summary>Tags the console puts on what it starts.</summary>
public static class RunTags
{
    public const string Prefix = "ecsconsole:";
    public const string StartedBy = "ecsconsole:started-by";
    public const string ParkedDesiredCount = "ecsconsole:parked-desired-count";
}

/// <summary>Turns a validated run plan into the RunTask request AWS receives.</summary>
public static class RunTaskRequestBuilder
{
    public static RunTaskRequest Build(RunTaskSubmission submission, string startedBy)
    {
        var plan = submission.Plan;
        return new RunTaskRequest
        {
            Cluster = plan.Cluster,
            TaskDefinition = plan.TaskDefinition,
            Count = plan.Count,
            LaunchType = LaunchTypeOf(plan.Capacity),
            CapacityProviderStrategy = StrategyOf(plan.Capacity),
            PlatformVersion = string.IsNullOrWhiteSpace(plan.PlatformVersion) ? null : plan.PlatformVersion,
            NetworkConfiguration = NetworkOf(plan.Network),
            Overrides = OverridesOf(plan),
            Tags = TagsOf(plan.Tags, startedBy),
            PropagateTags = plan.PropagateTaskDefinitionTags ? "TASK_DEFINITION" : null,
            StartedBy = startedBy,
            ClientToken = submission.ClientToken,
        };
    }

    // ECS rejects a request that has both a launch type and a capacity provider strategy.
    public static string? LaunchTypeOf(CapacityChoice capacity) => capacity == CapacityChoice.FargateLaunchType ? "FARGATE" : null;

    public static List<CapacityProviderStrategyItem>? StrategyOf(CapacityChoice capacity) => capacity switch
    {
        CapacityChoice.Fargate => [new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Weight = 1 }],
        CapacityChoice.FargateSpot => [new CapacityProviderStrategyItem { CapacityProvider = "FARGATE_SPOT", Weight = 1 }],
        _ => null,
    };

    public static NetworkConfiguration NetworkOf(NetworkPlan network) => new()
    {
        AwsvpcConfiguration = new AwsVpcConfiguration
        {
            Subnets = [.. network.Subnets],
            SecurityGroups = network.SecurityGroups.Count == 0 ? null : [.. network.SecurityGroups],
            AssignPublicIp = network.AssignPublicIp ? "ENABLED" : "DISABLED",
        },
    };

    public static List<Tag> TagsOf(IReadOnlyList<NameValue> tags, string startedBy)
        => [.. tags.Select(t => new Tag { Key = t.Name, Value = t.Value }), new Tag { Key = RunTags.StartedBy, Value = startedBy }];

    private static TaskOverride? OverridesOf(RunTaskPlan plan)
    {
        var containers = plan.ContainerOverrides.Where(o => !o.IsEmpty).Select(o => new ContainerOverride
        {
            Name = o.ContainerName,
            Command = o.Command is null ? null : [.. o.Command],
            Environment = o.Environment.Count == 0 ? null : [.. o.Environment.Select(e => new Aws.Ecs.Model.KeyValuePair { Name = e.Name, Value = e.Value })],
        }).ToList();
        var cpu = string.IsNullOrWhiteSpace(plan.TaskCpu) ? null : plan.TaskCpu;
        var memory = string.IsNullOrWhiteSpace(plan.TaskMemory) ? null : plan.TaskMemory;
        return containers.Count == 0 && cpu is null && memory is null
            ? null
            : new TaskOverride { ContainerOverrides = containers.Count == 0 ? null : containers, Cpu = cpu, Memory = memory };
    }
}
