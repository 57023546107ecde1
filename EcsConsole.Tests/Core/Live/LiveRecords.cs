using EcsConsole.Core.Clusters;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Services;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Tests.Core.Live;

/// <summary>Core records as the watcher hands them out, for page and history tests.</summary>
public static class LiveRecords
{
    public const string Account = "123456789012";

    public static EcsTaskDetail Task(string id, EcsTaskStatus status = EcsTaskStatus.Running, string? service = "web", string? ip = "203.0.113.5",
        int? exit = null, EcsStopCode stopCode = EcsStopCode.None, string? reason = null, string region = "eu-west-1") => new(
        new EcsTaskSummary(id, $"arn:aws:ecs:{region}:{Account}:task/demo/{id}", $"arn:aws:ecs:{region}:{Account}:cluster/demo",
            TaskDefinitionRef.Parse($"arn:aws:ecs:{region}:{Account}:task-definition/web:4"), status,
            status >= EcsTaskStatus.Deactivating ? EcsTaskStatus.Stopped : EcsTaskStatus.Running,
            EcsLaunchType.Fargate, null, 256, 512,
            new EcsTaskTimes(DateTimeOffset.Parse("2026-03-14T08:59:00Z"), null, null, DateTimeOffset.Parse("2026-03-14T09:00:00Z"), null,
                status == EcsTaskStatus.Stopped ? DateTimeOffset.Parse("2026-03-14T09:30:00Z") : null, null),
            service is null ? "alice" : "ecs-svc/1", service is null ? "family:web" : $"service:{service}", stopCode, reason,
            new EcsTaskNetworkInterface("eni-1", "10.0.0.4", "subnet-1")),
        [new EcsContainerState("app", "web:latest", null, status, exit, exit == 137 ? "OutOfMemoryError: Container killed due to memory usage" : null, EcsHealthStatus.Unknown, [], [])],
        new Dictionary<string, string> { ["team"] = "web" }, "1.4.0", $"{region}a", EcsHealthStatus.Unknown)
    {
        PublicIp = ip,
        PortMappings = [new EcsPortMapping("app", 8000, "tcp")],
    };

    public static EcsServiceSummary Service(string name, int desired = 2, int running = 2, params EcsServiceEvent[] events) => new(
        name, $"arn:aws:ecs:eu-west-1:{Account}:service/demo/{name}", $"arn:aws:ecs:eu-west-1:{Account}:cluster/demo", EcsServiceStatus.Active,
        desired, running, 0, EcsLaunchType.Fargate, [], "1.4.0", TaskDefinitionRef.Parse("web:4"), AwsVpcNetwork.None,
        [new EcsDeployment("ecs-svc/1", EcsDeploymentStatus.Primary, TaskDefinitionRef.Parse("web:4"), desired, running, 0, 0,
            EcsRolloutState.Completed, "ECS deployment ecs-svc/1 completed.", null, null)],
        events, null, new Dictionary<string, string>());

    public static ClusterSummary Cluster(string name, int running = 1) => new(
        name, $"arn:aws:ecs:eu-west-1:{Account}:cluster/{name}", ClusterStatus.Active, 1, running, 0, ["FARGATE"], new Dictionary<string, string>());
}
