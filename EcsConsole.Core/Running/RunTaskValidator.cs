using EcsConsole.Core.TaskDefinitions;
using EcsConsole.Core.Tasks;
using System.Text.RegularExpressions;
using EcsConsole.Core.Networking;

namespace EcsConsole.Core.Running;

/// <summary>A problem with a form field, in words, before anything is sent to AWS.</summary>
public sealed record PlanProblem(string Field, string Message);

/// <summary>Checks run and service plans against the limits ECS enforces, so that mistakes show at the field.</summary>
public static partial class RunTaskValidator
{
    public const int MaxCount = 10;
    public const int MaxSubnets = 16;
    public const int MaxSecurityGroups = 5;
    public const int MaxTags = 50;

    /// <summary>
    /// Validates a run plan. With <paramref name="network"/> the subnets and groups are also checked
    /// to exist and to share one VPC (AWS only finds out after the task has been placed).
    /// </summary>
    public static IReadOnlyList<PlanProblem> Validate(RunTaskPlan plan, NetworkChoices? network = null)
    {
        var problems = new List<PlanProblem>();
        if (string.IsNullOrWhiteSpace(plan.Cluster)) problems.Add(new("cluster", "Choose a cluster."));
        CheckTaskDefinition(plan.TaskDefinition, problems);
        if (plan.Count is < 1 or > MaxCount)
        {
            problems.Add(new("count", $"Count must be between 1 and {MaxCount} (RunTask starts at most {MaxCount} tasks per call)."));
        }

        CheckNetwork(plan.Network, network, problems);
        CheckOverrides(plan, problems);
        CheckTags(plan.Tags, problems);
        return problems;
    }

    public static void CheckTaskDefinition(string? taskDefinition, List<PlanProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(taskDefinition))
        {
            problems.Add(new("taskDefinition", "Choose a task definition revision."));
        }
        else if (!TaskDefinitionPattern().IsMatch(TaskDefinitionRef.Parse(taskDefinition).FamilyRevision))
        {
            problems.Add(new("taskDefinition", $"'{taskDefinition}' is not a task definition: use family:revision, e.g. web:3."));
        }
    }

    public static void CheckNetwork(NetworkPlan plan, NetworkChoices? network, List<PlanProblem> problems)
    {
        if (plan.Subnets.Count == 0)
        {
            problems.Add(new("subnets", "Choose at least one subnet: Fargate tasks need one (network mode awsvpc)."));
        }
        else if (plan.Subnets.Count > MaxSubnets)
        {
            problems.Add(new("subnets", $"At most {MaxSubnets} subnets can be given."));
        }

        if (plan.SecurityGroups.Count > MaxSecurityGroups)
        {
            problems.Add(new("securityGroups", $"At most {MaxSecurityGroups} security groups can be given."));
        }

        if (network is null || network.Vpcs.Count == 0) return;
        var subnets = plan.Subnets.Select(id => (id, subnet: network.Subnets.FirstOrDefault(s => s.Id == id))).ToList();
        foreach (var (id, _) in subnets.Where(s => s.subnet is null))
        {
            problems.Add(new("subnets", $"Subnet {id} does not exist in this region."));
        }

        var groups = plan.SecurityGroups.Select(id => (id, group: network.SecurityGroups.FirstOrDefault(g => g.Id == id))).ToList();
        foreach (var (id, _) in groups.Where(g => g.group is null))
        {
            problems.Add(new("securityGroups", $"Security group {id} does not exist in this region."));
        }

        var vpcs = subnets.Where(s => s.subnet is not null).Select(s => s.subnet!.VpcId)
            .Concat(groups.Where(g => g.group is not null).Select(g => g.group!.VpcId))
            .Append(plan.VpcId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (vpcs.Count > 1)
        {
            problems.Add(new("subnets", $"The subnets and security groups must all be in one VPC; these span {string.Join(", ", vpcs)}."));
        }
    }

    private static void CheckOverrides(RunTaskPlan plan, List<PlanProblem> problems)
    {
        foreach (var o in plan.ContainerOverrides)
        {
            if (o.Command is { Count: 0 })
            {
                problems.Add(new("command", $"The command override of {o.ContainerName} is empty; leave it unset to keep the image's command."));
            }

            foreach (var e in o.Environment.Where(e => !EnvNamePattern().IsMatch(e.Name)))
            {
                problems.Add(new("environment", $"'{e.Name}' is not a valid environment variable name (letters, digits and _, not starting with a digit)."));
            }

            foreach (var dup in o.Environment.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add(new("environment", $"{dup.Key} is set twice for {o.ContainerName}."));
            }
        }

        if (plan.TaskCpu is { Length: > 0 } || plan.TaskMemory is { Length: > 0 })
        {
            if (TaskSizeOverride.Check(plan.TaskCpu, plan.TaskMemory) is { } sizeProblem) problems.Add(new("size", sizeProblem));
        }
    }

    public static void CheckTags(IReadOnlyList<NameValue> tags, List<PlanProblem> problems)
    {
        if (tags.Count > MaxTags - 1) problems.Add(new("tags", $"At most {MaxTags - 1} tags (the console adds one of its own)."));
        foreach (var t in tags)
        {
            if (string.IsNullOrWhiteSpace(t.Name) || t.Name.Length > 128)
            {
                problems.Add(new("tags", "Tag keys must have 1 to 128 characters."));
            }
            else if (t.Name.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new("tags", $"Tag key '{t.Name}' is reserved: keys starting with aws: belong to AWS."));
            }
            else if (t.Name.StartsWith(RunTags.Prefix, StringComparison.Ordinal))
            {
                problems.Add(new("tags", $"Tag key '{t.Name}' is reserved for the console."));
            }

            if (t.Value.Length > 256) problems.Add(new("tags", $"The value of tag '{t.Name}' is longer than 256 characters."));
        }

        foreach (var dup in tags.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new("tags", $"Tag '{dup.Key}' is given twice."));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,255}(:[0-9]+)?$")]
    private static partial Regex TaskDefinitionPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvNamePattern();
}

/// <summary>Checks a task size override against the sizes Fargate runs.</summary>
public static class TaskSizeOverride
{
    /// <summary>Null when the combination is one Fargate runs; otherwise why not.</summary>
    public static string? Check(string? cpu, string? memory)
    {
        if (string.IsNullOrWhiteSpace(cpu) || string.IsNullOrWhiteSpace(memory))
        {
            return "Override the task size with both cpu and memory, or with neither.";
        }

        if (!int.TryParse(cpu, out var c) || FargateSizes.MemoryChoices(c, null).Count == 0)
        {
            return $"{cpu} is not a Fargate cpu value ({string.Join(", ", FargateSizes.CpuChoices(null))} units).";
        }

        var allowed = FargateSizes.MemoryChoices(c, null);
        return int.TryParse(memory, out var m) && FargateSizes.IsValid(c, m, null)
            ? null
            : $"Fargate runs {c} cpu units with {allowed[0]}–{allowed[^1]} MiB of memory (not {memory}).";
    }
}
