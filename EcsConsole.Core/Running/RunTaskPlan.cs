using EcsConsole.Core.Tasks;
namespace EcsConsole.Core.Running;

/// <summary>Where Fargate takes the capacity for a task or service from.</summary>
public enum CapacityChoice
{
    /// <summary>launchType FARGATE: works on every cluster, no capacity providers needed.</summary>
    FargateLaunchType,

    /// <summary>capacityProviderStrategy FARGATE: needs the provider associated with the cluster.</summary>
    Fargate,

    /// <summary>capacityProviderStrategy FARGATE_SPOT: cheaper, may be interrupted with two minutes' notice.</summary>
    FargateSpot,
}

/// <summary>The awsvpc network placement of a task or service.</summary>
public sealed record NetworkPlan(string? VpcId, IReadOnlyList<string> Subnets, IReadOnlyList<string> SecurityGroups, bool AssignPublicIp = true)
{
    public static NetworkPlan Empty { get; } = new(null, [], []);
}

/// <summary>A name=value pair (environment variable or tag).</summary>
public sealed record NameValue(string Name, string Value);

/// <summary>What to change in one container for this run only.</summary>
public sealed record ContainerOverridePlan(string ContainerName, IReadOnlyList<string>? Command, IReadOnlyList<NameValue> Environment)
{
    public bool IsEmpty => Command is null && Environment.Count == 0;
}

/// <summary>
/// Everything a person chose on the run form. <see cref="TaskDefinition"/> is "family:revision"
/// (or a full ARN, or a bare family for its latest ACTIVE revision).
/// </summary>
public sealed record RunTaskPlan(
    string Cluster,
    string TaskDefinition,
    CapacityChoice Capacity,
    string? PlatformVersion,
    int Count,
    NetworkPlan Network,
    IReadOnlyList<ContainerOverridePlan> ContainerOverrides,
    string? TaskCpu,
    string? TaskMemory,
    IReadOnlyList<NameValue> Tags,
    bool PropagateTaskDefinitionTags = true)
{
    public static RunTaskPlan For(string cluster, string taskDefinition) => new(
        cluster, taskDefinition, CapacityChoice.FargateLaunchType, null, 1, NetworkPlan.Empty, [], null, null, []);

    /// <summary>The family part of <see cref="TaskDefinition"/>, as presets are keyed by it.</summary>
    public string Family => TaskDefinitionRef.Parse(TaskDefinition).Family;
}

/// <summary>
/// One press of "Run": the plan plus a clientToken made once, so that sending the same submission
/// again (a retry after a timeout) can never start the tasks twice, while a new press starts new ones.
/// </summary>
public sealed record RunTaskSubmission(RunTaskPlan Plan, string ClientToken)
{
    public static RunTaskSubmission Create(RunTaskPlan plan) => new(plan, Guid.NewGuid().ToString("N"));
}
