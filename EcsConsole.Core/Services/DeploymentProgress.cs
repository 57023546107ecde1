using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Tasks;

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

/// <summary>A task of the deployment that stopped, with the reason explained.</summary>
public sealed record FailedTaskView(string TaskId, string? StopCode, string Reason, string? Explanation);

/// <summary>
/// A deployment's progress, computed from the service as the shared cluster watcher sees it (and the
/// deployment's stopped tasks, which the watcher lists too): following a deployment costs no AWS call.
/// </summary>
public sealed record DeploymentProgress(
    string ServiceName,
    EcsServiceStatus ServiceStatus,
    int DesiredCount,
    int RunningCount,
    int PendingCount,
    string FollowedDeploymentId,
    DeploymentEndState State,
    string Headline,
    IReadOnlyList<EcsDeployment> Deployments,
    IReadOnlyList<EcsServiceEvent> Events,
    IReadOnlyList<FailedTaskView> FailedTasks)
{
    public const int EventsShown = 20;

    /// <summary>Failed tasks shown per deployment: the newest few say enough.</summary>
    public const int FailedTasksShown = 5;

    public bool IsFinished => State is not DeploymentEndState.InProgress and not DeploymentEndState.RollingBack;

    public EcsDeployment? Followed => Deployments.FirstOrDefault(d => d.Id == FollowedDeploymentId);

    /// <summary>From a DescribeServices answer (the shape ECS documents; used where no watcher runs).</summary>
    public static DeploymentProgress From(Service service, string? followedDeploymentId, IReadOnlyList<FailedTaskView>? failedTasks = null)
        => From(EcsServiceMapper.ToSummary(service), followedDeploymentId, failedTasks);

    /// <summary>
    /// From the watched service and the cluster's tasks: the followed deployment's stopped tasks
    /// (ECS marks them startedBy the deployment id) explain a failure.
    /// </summary>
    public static DeploymentProgress From(EcsServiceSummary service, string? followedDeploymentId, IEnumerable<EcsTaskDetail> clusterTasks)
    {
        var followed = Pick(service, followedDeploymentId);
        if (followed is not { FailedTasks: > 0 }) return From(service, followedDeploymentId, failedTasks: null);
        var failed = clusterTasks
            .Where(t => t.IsStopped && t.Summary.StartedBy == followed.Id)
            .OrderByDescending(t => t.Summary.Times.StoppedAt)
            .Take(FailedTasksShown)
            .Select(Failed)
            .ToList();
        return From(service, followedDeploymentId, failed);
    }

    /// <summary>
    /// Computes the state of <paramref name="followedDeploymentId"/> (the primary one when null):
    /// a failed deployment with a newer primary behind it was rolled back (or is rolling back).
    /// </summary>
    public static DeploymentProgress From(EcsServiceSummary service, string? followedDeploymentId, IReadOnlyList<FailedTaskView>? failedTasks)
    {
        var deployments = service.Deployments;
        var primary = deployments.FirstOrDefault(d => d.Status == EcsDeploymentStatus.Primary);
        var followed = Pick(service, followedDeploymentId);
        var events = service.Events.OrderByDescending(e => e.CreatedAt).Take(EventsShown).ToList();
        var (state, headline) = followed is null
            ? (DeploymentEndState.Completed, $"{service.Name} has no deployments.")
            : Judge(followed, primary, deployments, events, service.RunningCount == service.DesiredCount && service.PendingCount == 0);
        return new DeploymentProgress(service.Name, service.Status, service.DesiredCount, service.RunningCount,
            service.PendingCount, followed?.Id ?? "", state, headline, deployments, events, failedTasks ?? []);
    }

    private static EcsDeployment? Pick(EcsServiceSummary service, string? id)
        => service.Deployments.FirstOrDefault(d => d.Id == id) ?? service.Deployments.FirstOrDefault(d => d.Status == EcsDeploymentStatus.Primary);

    private static FailedTaskView Failed(EcsTaskDetail task)
    {
        var code = task.Summary.StopCode is EcsStopCode.None or EcsStopCode.Unknown ? null : task.Summary.StopCode.ToString();
        var sentences = StopReasonExplainer.Explain(task);
        return new FailedTaskView(task.Id, code, task.Summary.StoppedReason ?? "stopped", sentences.Count == 0 ? null : string.Join(" ", sentences));
    }

    private static (DeploymentEndState, string) Judge(
        EcsDeployment followed, EcsDeployment? primary, IReadOnlyList<EcsDeployment> all, List<EcsServiceEvent> events, bool steady)
    {
        var revision = followed.TaskDefinition.FamilyRevision;
        var reason = string.IsNullOrWhiteSpace(followed.RolloutStateReason) ? "tasks failed to start" : followed.RolloutStateReason.TrimEnd('.');
        if (followed.RolloutState == EcsRolloutState.Failed)
        {
            if (primary is not null && primary.Id != followed.Id)
            {
                var back = primary.TaskDefinition.FamilyRevision;
                return primary.RolloutState == EcsRolloutState.Completed || (primary.RolloutState == EcsRolloutState.None && all.Count == 1)
                    ? (DeploymentEndState.RolledBack, $"The deployment of {revision} failed and was rolled back to {back} ({reason}).")
                    : (DeploymentEndState.RollingBack, $"The deployment of {revision} failed ({reason}); rolling back to {back}: {Counts(primary)}.");
            }

            var noRollback = events.Any(e => e.Message.Contains("rolling back", StringComparison.OrdinalIgnoreCase))
                ? "" : " No rollback is configured, so the service stays on this revision.";
            return (DeploymentEndState.Failed, $"The deployment of {revision} failed: {reason}.{noRollback}");
        }

        if (followed.Status != EcsDeploymentStatus.Primary)
        {
            return (DeploymentEndState.Superseded, $"The deployment of {revision} was replaced by a newer deployment before it finished.");
        }

        var old = all.Where(d => d.Status != EcsDeploymentStatus.Primary).Sum(d => d.RunningCount);
        // A scale keeps the deployment's COMPLETED rollout state, so "done" also needs the counts to have arrived.
        var done = steady && (followed.RolloutState == EcsRolloutState.Completed
                   || (followed.RolloutState == EcsRolloutState.None && all.Count == 1
                       && followed.RunningCount == followed.DesiredCount && followed.PendingCount == 0));
        if (done)
        {
            return (DeploymentEndState.Completed, $"Deployment completed: {followed.RunningCount} of {followed.DesiredCount} tasks run {revision}.");
        }

        var oldText = old == 0 ? "" : $", {old} old {(old == 1 ? "task" : "tasks")} still running";
        var failedText = followed.FailedTasks == 0 ? "" : $", {followed.FailedTasks} failed to start";
        return (DeploymentEndState.InProgress, $"Deploying {revision}: {Counts(followed)}{oldText}{failedText}.");
    }

    private static string Counts(EcsDeployment d)
        => $"{d.RunningCount} of {d.DesiredCount} running" + (d.PendingCount > 0 ? $", {d.PendingCount} pending" : "");
}
