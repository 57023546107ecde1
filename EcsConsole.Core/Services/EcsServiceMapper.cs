using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Core.Services;

/// <summary>ECS service wire shapes → <see cref="EcsServiceSummary"/>.</summary>
public static class EcsServiceMapper
{
    public static EcsServiceSummary ToSummary(Service service) => new(
        Name: string.IsNullOrEmpty(service.ServiceName) ? EcsArn.LastSegment(service.ServiceArn) : service.ServiceName,
        Arn: service.ServiceArn ?? "",
        ClusterArn: service.ClusterArn ?? "",
        Status: AwsEnum.Parse(service.Status, EcsServiceStatus.Unknown),
        DesiredCount: service.DesiredCount ?? 0,
        RunningCount: service.RunningCount ?? 0,
        PendingCount: service.PendingCount ?? 0,
        LaunchType: AwsEnum.Parse(service.LaunchType, EcsLaunchType.Unknown, EcsLaunchType.None),
        CapacityProviders: [.. (service.CapacityProviderStrategy ?? []).Select(s => s?.CapacityProvider).OfType<string>()],
        PlatformVersion: service.PlatformVersion,
        TaskDefinition: TaskDefinitionRef.Parse(service.TaskDefinition),
        Network: Network(service.NetworkConfiguration),
        // AWS lists the primary deployment first and events newest first; both orders are kept.
        Deployments: [.. (service.Deployments ?? []).OfType<Deployment>().Select(ToDeployment)],
        Events: [.. (service.Events ?? []).OfType<ServiceEvent>().Select(e => new EcsServiceEvent(e.Id ?? "", e.CreatedAt, e.Message ?? ""))],
        CreatedAt: service.CreatedAt,
        Tags: EcsArn.Tags(service.Tags));

    public static IReadOnlyList<EcsServiceSummary> ToSummaries(IEnumerable<Service>? services)
        => [.. (services ?? []).OfType<Service>().Select(ToSummary)];

    public static AwsVpcNetwork Network(NetworkConfiguration? configuration)
        => configuration?.AwsvpcConfiguration is { } vpc
            ? new AwsVpcNetwork(
                [.. (vpc.Subnets ?? []).OfType<string>()],
                [.. (vpc.SecurityGroups ?? []).OfType<string>()],
                string.Equals(vpc.AssignPublicIp, "ENABLED", StringComparison.OrdinalIgnoreCase))
            : AwsVpcNetwork.None;

    private static EcsDeployment ToDeployment(Deployment d) => new(
        Id: d.Id ?? "",
        Status: AwsEnum.Parse(d.Status, EcsDeploymentStatus.Unknown),
        TaskDefinition: TaskDefinitionRef.Parse(d.TaskDefinition),
        DesiredCount: d.DesiredCount ?? 0,
        RunningCount: d.RunningCount ?? 0,
        PendingCount: d.PendingCount ?? 0,
        FailedTasks: d.FailedTasks ?? 0,
        RolloutState: AwsEnum.Parse(d.RolloutState, EcsRolloutState.Unknown, EcsRolloutState.None),
        RolloutStateReason: d.RolloutStateReason,
        CreatedAt: d.CreatedAt,
        UpdatedAt: d.UpdatedAt);
}
