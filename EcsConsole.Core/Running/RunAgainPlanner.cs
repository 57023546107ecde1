using EcsConsole.Core.Tasks;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Running;

/// <summary>What is known about a task's network beyond DescribeTasks (its ENI, while it exists).</summary>
public sealed record TaskNetworkFacts(string? VpcId, IReadOnlyList<string> SecurityGroups, bool HadPublicIp);

/// <summary>
/// Rebuilds the plan a task was started with, so "Run again" starts the same thing: the same
/// revision, capacity, platform version, subnet, security groups and overrides.
/// </summary>
public static class RunAgainPlanner
{
    public static RunTaskPlan FromTask(EcsTask task, TaskNetworkFacts? eni, RunPreset? preset)
    {
        var cluster = RunPresetStore.ClusterKey(task.ClusterArn ?? "");
        var taskDefinition = TaskDefinitionRef.Parse(task.TaskDefinitionArn ?? "").FamilyRevision;
        var capacity = task.CapacityProviderName switch
        {
            "FARGATE_SPOT" => CapacityChoice.FargateSpot,
            "FARGATE" when task.LaunchType is null => CapacityChoice.Fargate,
            _ => preset?.Capacity is CapacityChoice.Fargate ? CapacityChoice.Fargate : CapacityChoice.FargateLaunchType,
        };
        var details = (task.Attachments ?? []).FirstOrDefault(a => a.Type == "ElasticNetworkInterface")?.Details ?? [];
        var subnet = details.FirstOrDefault(d => d.Name == "subnetId")?.Value;
        var presetNetwork = preset?.ToNetwork();
        // The ENI is gone once a task stops: then the groups and public IP setting come from the preset.
        var network = new NetworkPlan(
            eni?.VpcId ?? presetNetwork?.VpcId,
            subnet is not null ? [subnet] : presetNetwork?.Subnets ?? [],
            eni is { SecurityGroups.Count: > 0 } ? eni.SecurityGroups : presetNetwork?.SecurityGroups ?? [],
            eni?.HadPublicIp ?? presetNetwork?.AssignPublicIp ?? true);
        var overrides = task.Overrides;
        return new RunTaskPlan(
            cluster,
            taskDefinition,
            capacity,
            task.PlatformVersion is { Length: > 0 } pv && pv != "LATEST" ? pv : null,
            1,
            network,
            [.. (overrides?.ContainerOverrides ?? []).Where(o => o.Name is not null)
                .Select(o => new ContainerOverridePlan(o.Name!, o.Command is { Count: > 0 } ? o.Command : null,
                    [.. (o.Environment ?? []).Where(e => e.Name is not null).Select(e => new NameValue(e.Name!, e.Value ?? ""))]))
                .Where(o => !o.IsEmpty)],
            overrides?.Cpu is { Length: > 0 } cpu && cpu != task.Cpu ? cpu : null,
            overrides?.Memory is { Length: > 0 } memory && memory != task.Memory ? memory : null,
            [.. (task.Tags ?? []).Where(t => t.Key is not null && !IsManagedTag(t.Key)).Select(t => new NameValue(t.Key!, t.Value ?? ""))]);
    }

    // Tags the run adds itself (ours, AWS's and ECS-managed ones) must not be copied as user tags.
    private static bool IsManagedTag(string key)
        => key.StartsWith(RunTags.Prefix, StringComparison.Ordinal) || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)
           || key.StartsWith("ecs:", StringComparison.Ordinal);
}
