using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Services;

/// <summary>ECS wire services → <see cref="EcsServiceSummary"/>.</summary>
public static class EcsServiceMapper
{
    public static EcsServiceSummary ToSummary(Service s)
    {
        var arn = s.ServiceArn ?? "";
        return new EcsServiceSummary(
            arn,
            s.ServiceName ?? arn[(arn.LastIndexOf('/') + 1)..],
            s.Status switch
            {
                "ACTIVE" => EcsServiceStatus.Active,
                "DRAINING" => EcsServiceStatus.Draining,
                "INACTIVE" => EcsServiceStatus.Inactive,
                _ => EcsServiceStatus.Unknown,
            },
            s.DesiredCount ?? 0,
            s.RunningCount ?? 0,
            s.PendingCount ?? 0,
            s.TaskDefinition ?? "",
            s.LaunchType,
            [.. (s.CapacityProviderStrategy ?? []).Select(c => c.CapacityProvider).OfType<string>()],
            [.. (s.Deployments ?? []).Select(ToDeployment)],
            [.. (s.Events ?? []).Select(e => new EcsServiceEvent(e.Id ?? "", e.CreatedAt ?? DateTimeOffset.MinValue, e.Message ?? ""))
                .OrderByDescending(e => e.CreatedAt)],
            s.CreatedAt);
    }

    private static EcsDeployment ToDeployment(Deployment d) => new(
        d.Id ?? "",
        d.Status ?? "",
        d.TaskDefinition ?? "",
        d.DesiredCount ?? 0,
        d.RunningCount ?? 0,
        d.PendingCount ?? 0,
        d.FailedTasks ?? 0,
        d.RolloutState switch
        {
            "IN_PROGRESS" => RolloutState.InProgress,
            "COMPLETED" => RolloutState.Completed,
            "FAILED" => RolloutState.Failed,
            _ => RolloutState.Unknown,
        },
        d.RolloutStateReason,
        d.CreatedAt,
        d.UpdatedAt);
}
