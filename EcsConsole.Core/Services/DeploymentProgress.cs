using EcsConsole.Core.Tasks;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Running;

namespace EcsConsole.Core.Services;

/// <summary>How a deployment stands, as a person following it wants to know.</summary>
public enum DeploymentEndState
{
    InProgress,
    Completed,
    Failed,
    RollingBack,
    RolledBack,

    /// <summary>A newer deployment replaced the one being followed before it finished.</summary>
    Superseded,
}

/// <summary>One deployment of a service (new or old tasks).</summary>
public sealed record DeploymentView(
    string Id, string Status, string TaskDefinition, int Desired, int Running, int Pending, int FailedTasks,
    string? RolloutState, string? RolloutStateReason, DateTimeOffset? CreatedAt)
{
    public bool IsPrimary => Status == "PRIMARY";
}

/// <summary>A service event line.</summary>
public sealed record ServiceEventView(DateTimeOffset? At, string Message);

/// <summary>A task of the deployment that stopped, with the reason explained.</summary>
public sealed record FailedTaskView(string TaskId, string? StopCode, string Reason, string? Explanation);

/// <summary>A deployment's progress computed from DescribeServices (and the deployment's stopped tasks).</summary>
public sealed record DeploymentProgress(
    string ServiceName,
    string ServiceStatus,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    string FollowedDeploymentId,
    DeploymentEndState State,
    string Headline,
    IReadOnlyList<DeploymentView> Deployments,
    IReadOnlyList<ServiceEventView> Events,
    IReadOnlyList<FailedTaskView> FailedTasks)
{
    public const int EventsShown = 20;

    public bool IsFinished => State is not DeploymentEndState.InProgress and not DeploymentEndState.RollingBack;

    public DeploymentView? Followed => Deployments.FirstOrDefault(d => d.Id == FollowedDeploymentId);

    /// <summary>
    /// Computes the state of <paramref name="followedDeploymentId"/> (the primary one when null):
    /// a failed deployment with a newer primary behind it was rolled back (or is rolling back).
    /// </summary>
    public static DeploymentProgress From(Service service, string? followedDeploymentId, IReadOnlyList<FailedTaskView>? failedTasks = null)
    {
        var deployments = (service.Deployments ?? []).Select(ToView).ToList();
        var primary = deployments.FirstOrDefault(d => d.IsPrimary);
        var followed = deployments.FirstOrDefault(d => d.Id == followedDeploymentId) ?? primary;
        var name = service.ServiceName ?? "service";
        var events = (service.Events ?? []).OrderByDescending(e => e.CreatedAt).Take(EventsShown)
            .Select(e => new ServiceEventView(e.CreatedAt, e.Message ?? "")).ToList();
        var (state, headline) = followed is null
            ? (DeploymentEndState.Completed, $"{name} has no deployments.")
            : Judge(followed, primary, deployments, events, (service.RunningCount ?? 0) == (service.DesiredCount ?? 0) && (service.PendingCount ?? 0) == 0);
        return new DeploymentProgress(name, service.Status ?? "ACTIVE", service.DesiredCount ?? 0, service.RunningCount ?? 0,
            service.PendingCount ?? 0, followed?.Id ?? "", state, headline, deployments, events, failedTasks ?? []);
    }

    private static (DeploymentEndState, string) Judge(
        DeploymentView followed, DeploymentView? primary, List<DeploymentView> all, List<ServiceEventView> events, bool steady)
    {
        var revision = TaskDefinitionRef.Parse(followed.TaskDefinition).FamilyRevision;
        var reason = string.IsNullOrWhiteSpace(followed.RolloutStateReason) ? "tasks failed to start" : followed.RolloutStateReason.TrimEnd('.');
        if (followed.RolloutState == "FAILED")
        {
            if (primary is not null && primary.Id != followed.Id)
            {
                var back = TaskDefinitionRef.Parse(primary.TaskDefinition).FamilyRevision;
                return primary.RolloutState == "COMPLETED" || (primary.RolloutState is null && all.Count == 1)
                    ? (DeploymentEndState.RolledBack, $"The deployment of {revision} failed and was rolled back to {back} ({reason}).")
                    : (DeploymentEndState.RollingBack, $"The deployment of {revision} failed ({reason}); rolling back to {back}: {Counts(primary)}.");
            }

            var noRollback = events.Any(e => e.Message.Contains("rolling back", StringComparison.OrdinalIgnoreCase))
                ? "" : " No rollback is configured, so the service stays on this revision.";
            return (DeploymentEndState.Failed, $"The deployment of {revision} failed: {reason}.{noRollback}");
        }

        if (!followed.IsPrimary)
        {
            return (DeploymentEndState.Superseded, $"The deployment of {revision} was replaced by a newer deployment before it finished.");
        }

        var old = all.Where(d => !d.IsPrimary).Sum(d => d.Running);
        // A scale keeps the deployment's COMPLETED rollout state, so "done" also needs the counts to have arrived.
        var done = steady && (followed.RolloutState == "COMPLETED"
                   || (followed.RolloutState is null && all.Count == 1 && followed.Running == followed.Desired && followed.Pending == 0));
        if (done)
        {
            return (DeploymentEndState.Completed, $"Deployment completed: {followed.Running} of {followed.Desired} tasks run {revision}.");
        }

        var oldText = old == 0 ? "" : $", {old} old {(old == 1 ? "task" : "tasks")} still running";
        var failedText = followed.FailedTasks == 0 ? "" : $", {followed.FailedTasks} failed to start";
        return (DeploymentEndState.InProgress, $"Deploying {revision}: {Counts(followed)}{oldText}{failedText}.");
    }

    private static string Counts(DeploymentView d)
        => $"{d.Running} of {d.Desired} running" + (d.Pending > 0 ? $", {d.Pending} pending" : "");

    private static DeploymentView ToView(Deployment d) => new(
        d.Id ?? "", d.Status ?? "", d.TaskDefinition ?? "", d.DesiredCount ?? 0, d.RunningCount ?? 0, d.PendingCount ?? 0,
        d.FailedTasks ?? 0, d.RolloutState, d.RolloutStateReason, d.CreatedAt);
}
