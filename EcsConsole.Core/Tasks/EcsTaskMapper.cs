using System.Globalization;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Tasks;

/// <summary>ECS task wire shapes → <see cref="EcsTaskSummary"/> and <see cref="EcsTaskDetail"/>.</summary>
public static class EcsTaskMapper
{
    public const string EniAttachmentType = "ElasticNetworkInterface";

    public static EcsTaskSummary ToSummary(EcsTask task) => new(
        Id: EcsArn.LastSegment(task.TaskArn),
        Arn: task.TaskArn ?? "",
        ClusterArn: task.ClusterArn ?? "",
        TaskDefinition: TaskDefinitionRef.Parse(task.TaskDefinitionArn),
        LastStatus: Status(task.LastStatus),
        DesiredStatus: Status(task.DesiredStatus),
        LaunchType: AwsEnum.Parse(task.LaunchType, EcsLaunchType.Unknown, EcsLaunchType.None),
        CapacityProvider: task.CapacityProviderName,
        Cpu: Units(task.Cpu),
        MemoryMiB: Units(task.Memory),
        Times: new EcsTaskTimes(task.CreatedAt, task.PullStartedAt, task.PullStoppedAt, task.StartedAt, task.StoppingAt,
            task.StoppedAt, task.ExecutionStoppedAt),
        StartedBy: task.StartedBy,
        Group: task.Group,
        StopCode: AwsEnum.Parse(task.StopCode, EcsStopCode.Unknown, EcsStopCode.None),
        StoppedReason: task.StoppedReason,
        NetworkInterface: NetworkInterface(task.Attachments));

    public static EcsTaskDetail ToDetail(EcsTask task) => new(
        Summary: ToSummary(task),
        Containers: [.. (task.Containers ?? []).OfType<Container>().Select(ToContainer)],
        Tags: EcsArn.Tags(task.Tags),
        PlatformVersion: task.PlatformVersion,
        AvailabilityZone: task.AvailabilityZone,
        Health: AwsEnum.Parse(task.HealthStatus, EcsHealthStatus.Unknown))
    {
        OsFamily = task.PlatformFamily,
        EphemeralStorageGiB = task.EphemeralStorage?.SizeInGiB,
    };

    public static IReadOnlyList<EcsTaskSummary> ToSummaries(IEnumerable<EcsTask>? tasks)
        => [.. (tasks ?? []).OfType<EcsTask>().Select(ToSummary)];

    public static IReadOnlyList<EcsTaskDetail> ToDetails(IEnumerable<EcsTask>? tasks)
        => [.. (tasks ?? []).OfType<EcsTask>().Select(ToDetail)];

    private static EcsTaskStatus Status(string? value) => AwsEnum.Parse(value, EcsTaskStatus.Unknown);

    /// <summary>ECS sends task cpu and memory as strings ("256", "512"); some old tasks say "1 vCPU" or "2 GB".</summary>
    private static int? Units(string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static EcsTaskNetworkInterface? NetworkInterface(IEnumerable<Attachment>? attachments)
    {
        var eni = (attachments ?? []).OfType<Attachment>().FirstOrDefault(a => a.Type == EniAttachmentType);
        var details = (eni?.Details ?? []).OfType<EcsConsole.Core.Aws.Ecs.Model.KeyValuePair>()
            .Where(d => d.Name is not null)
            .GroupBy(d => d.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        // The attachment exists (PRECREATED) before ECS fills in the interface id.
        return details.TryGetValue("networkInterfaceId", out var id) && !string.IsNullOrEmpty(id)
            ? new EcsTaskNetworkInterface(id, details.GetValueOrDefault("privateIPv4Address"), details.GetValueOrDefault("subnetId"))
            : null;
    }

    private static EcsContainerState ToContainer(Container c) => new(
        Name: c.Name ?? "",
        Image: c.Image,
        ImageDigest: c.ImageDigest,
        LastStatus: Status(c.LastStatus),
        ExitCode: c.ExitCode,
        Reason: c.Reason,
        Health: AwsEnum.Parse(c.HealthStatus, EcsHealthStatus.Unknown),
        Ports: [.. (c.NetworkBindings ?? []).OfType<NetworkBinding>()
            .Select(b => new EcsPortBinding(b.ContainerPort, b.HostPort, b.Protocol ?? "tcp", b.BindIP))],
        PrivateIpv4Addresses: [.. (c.NetworkInterfaces ?? []).Select(n => n?.PrivateIpv4Address).OfType<string>()]);
}
