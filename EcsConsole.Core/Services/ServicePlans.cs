using EcsConsole.Core.Tasks;
using System.Text.RegularExpressions;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Running;

namespace EcsConsole.Core.Services;

/// <summary>Everything chosen on the "create service" form.</summary>
public sealed record ServiceCreatePlan(
    string Cluster,
    string ServiceName,
    string TaskDefinition,
    int DesiredCount,
    CapacityChoice Capacity,
    string? PlatformVersion,
    NetworkPlan Network,
    int MinimumHealthyPercent,
    int MaximumPercent,
    bool CircuitBreaker,
    bool Rollback,
    IReadOnlyList<NameValue> Tags)
{
    public static ServiceCreatePlan For(string cluster, string taskDefinition) => new(
        cluster, "", taskDefinition, 1, CapacityChoice.FargateLaunchType, null, NetworkPlan.Empty, 100, 200, true, true, []);

    public string Family => TaskDefinitionRef.Parse(TaskDefinition).Family;
}

/// <summary>One press of "Create": the plan and a clientToken made once for it (CreateService is idempotent on it).</summary>
public sealed record ServiceCreateSubmission(ServiceCreatePlan Plan, string ClientToken)
{
    public static ServiceCreateSubmission Create(ServiceCreatePlan plan) => new(plan, Guid.NewGuid().ToString("N"));
}

/// <summary>A new deployment of an existing service (scaling is <c>ServiceManager.ScaleAsync</c>).</summary>
public sealed record ServiceUpdate(string? TaskDefinition = null, bool ForceNewDeployment = false)
{
    public bool ChangesRevision => !string.IsNullOrWhiteSpace(TaskDefinition);

    public bool IsEmpty => !ChangesRevision && !ForceNewDeployment;
}

/// <summary>Checks service plans before any AWS call.</summary>
public static partial class ServicePlanValidator
{
    /// <summary>ECS's default quota of tasks per service.</summary>
    public const int MaxDesiredCount = 5000;

    public static IReadOnlyList<PlanProblem> Validate(ServiceCreatePlan plan, NetworkChoices? network = null)
    {
        var problems = new List<PlanProblem>();
        if (string.IsNullOrWhiteSpace(plan.Cluster)) problems.Add(new("cluster", "Choose a cluster."));
        if (!ServiceNamePattern().IsMatch(plan.ServiceName ?? ""))
        {
            problems.Add(new("serviceName", "A service name has 1 to 255 letters, digits, hyphens and underscores, starting with a letter or digit."));
        }

        RunTaskValidator.CheckTaskDefinition(plan.TaskDefinition, problems);
        CheckDesiredCount(plan.DesiredCount, problems);
        if (plan.MinimumHealthyPercent is < 0 or > 100)
        {
            problems.Add(new("minimumHealthyPercent", "Minimum healthy percent must be between 0 and 100."));
        }

        if (plan.MaximumPercent is < 100 or > 200)
        {
            problems.Add(new("maximumPercent", "Maximum percent must be between 100 and 200."));
        }
        else if (plan.MaximumPercent <= plan.MinimumHealthyPercent)
        {
            problems.Add(new("maximumPercent", "Maximum percent must be above minimum healthy percent, or a deployment can neither start a new task nor stop an old one."));
        }

        if (plan.Rollback && !plan.CircuitBreaker)
        {
            problems.Add(new("rollback", "Rollback needs the deployment circuit breaker: it is what detects the failed deployment."));
        }

        RunTaskValidator.CheckNetwork(plan.Network, network, problems);
        RunTaskValidator.CheckTags(plan.Tags, problems);
        return problems;
    }

    public static void CheckDesiredCount(int count, List<PlanProblem> problems)
    {
        if (count is < 0 or > MaxDesiredCount)
        {
            problems.Add(new("desiredCount", $"Desired count must be between 0 and {MaxDesiredCount}."));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$")]
    private static partial Regex ServiceNamePattern();
}
