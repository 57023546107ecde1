using System.Globalization;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Tasks;

/// <summary>ECS wire tasks → <see cref="EcsTaskDetail"/>.</summary>
public static class EcsTaskMapper
{
    /// <summary>Maps a task; <paramref name="definition"/> (when known) adds port mappings and which containers are essential.</summary>
    public static EcsTaskDetail ToDetail(EcsTask t, TaskDefinition? definition = null, string? publicIp = null)
    {
        var arn = t.TaskArn ?? "";
        var eni = (t.Attachments ?? []).FirstOrDefault(a => a.Type == "ElasticNetworkInterface");
        string? Detail(string name) => eni?.Details?.FirstOrDefault(d => d.Name == name)?.Value;
        var defs = (definition?.ContainerDefinitions ?? []).Where(d => d.Name is not null).ToDictionary(d => d.Name!);
        return new EcsTaskDetail(
            arn,
            EcsTaskIds.IdOf(arn),
            t.ClusterArn ?? "",
            t.TaskDefinitionArn ?? "",
            ParseStatus(t.LastStatus),
            ParseStatus(t.DesiredStatus),
            t.Group,
            t.StartedBy,
            t.LaunchType,
            t.CapacityProviderName,
            ParseInt(t.Cpu),
            ParseInt(t.Memory),
            t.HealthStatus,
            t.PlatformVersion,
            t.AvailabilityZone,
            t.CreatedAt,
            t.PullStartedAt,
            t.PullStoppedAt,
            t.StartedAt,
            t.StoppingAt,
            t.StoppedAt,
            t.StopCode is null ? null : ParseStopCode(t.StopCode),
            t.StoppedReason,
            [.. (t.Containers ?? []).Select(c =>
            {
                defs.TryGetValue(c.Name ?? "", out var def);
                return new EcsContainerDetail(
                    c.Name ?? "",
                    c.Image ?? def?.Image ?? "",
                    c.LastStatus,
                    c.ExitCode,
                    c.Reason,
                    c.HealthStatus,
                    def?.Essential ?? true,
                    [.. (def?.PortMappings ?? []).Where(p => p.ContainerPort is not null)
                        .Select(p => new EcsPortMapping(p.ContainerPort!.Value, p.Protocol ?? "tcp"))]);
            })],
            new EcsTaskNetwork(
                Detail("networkInterfaceId"),
                Detail("subnetId"),
                Detail("privateIPv4Address") ?? t.Containers?.SelectMany(c => c.NetworkInterfaces ?? []).Select(n => n.PrivateIpv4Address).FirstOrDefault(a => a is not null),
                publicIp),
            (t.Tags ?? []).Where(x => x.Key is not null).GroupBy(x => x.Key!).ToDictionary(g => g.Key, g => g.Last().Value ?? ""));
    }

    public static EcsTaskStatus ParseStatus(string? status) => status switch
    {
        "PROVISIONING" => EcsTaskStatus.Provisioning,
        "PENDING" => EcsTaskStatus.Pending,
        "ACTIVATING" => EcsTaskStatus.Activating,
        "RUNNING" => EcsTaskStatus.Running,
        "DEACTIVATING" => EcsTaskStatus.Deactivating,
        "STOPPING" => EcsTaskStatus.Stopping,
        "DEPROVISIONING" => EcsTaskStatus.Deprovisioning,
        "STOPPED" => EcsTaskStatus.Stopped,
        _ => EcsTaskStatus.Unknown,
    };

    public static EcsStopCode ParseStopCode(string? code)
        => Enum.TryParse<EcsStopCode>(code, ignoreCase: false, out var c) && c != EcsStopCode.Unknown ? c : EcsStopCode.Unknown;

    private static int? ParseInt(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
