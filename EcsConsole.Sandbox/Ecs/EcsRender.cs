using EcsConsole.Core.Aws.Ecs.Model;
using KeyValuePair = EcsConsole.Core.Aws.Ecs.Model.KeyValuePair;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecs;

/// <summary>Turns the sandbox's state into ECS's wire shapes as of the region context's time.</summary>
internal static class EcsRender
{
    public static EcsTask Task(RegionContext ctx, TaskState task, bool includeTags)
    {
        var t = ctx.Now;
        var status = TaskTimeline.LastStatus(task, t);
        var stop = task.Stop is { } s && t >= s.At ? s : null;
        var ran = TaskTimeline.RanAt(task, t);
        var executionStopped = stop is not null && t >= stop.DeprovisioningAt;
        var attached = t >= task.PendingAt && (stop is null || stop.At >= task.PendingAt || t < stop.At);
        DateTimeOffset? Reached(DateTimeOffset at) => t >= at && (task.Stop is null || at <= task.Stop.At) ? at : null;

        return new EcsTask
        {
            Attachments =
            [
                new Attachment
                {
                    Id = task.Network.AttachmentId,
                    Type = "ElasticNetworkInterface",
                    Status = TaskTimeline.AttachmentStatus(task, t),
                    Details =
                    [
                        new KeyValuePair { Name = "subnetId", Value = task.Network.SubnetId },
                        new KeyValuePair { Name = "networkInterfaceId", Value = task.Network.EniId },
                        new KeyValuePair { Name = "macAddress", Value = task.Network.MacAddress },
                        new KeyValuePair { Name = "privateDnsName", Value = PrivateDnsName(ctx, task.Network.PrivateIp) },
                        new KeyValuePair { Name = "privateIPv4Address", Value = task.Network.PrivateIp },
                    ],
                },
            ],
            Attributes = [new EcsAttribute { Name = "ecs.cpu-architecture", Value = "x86_64" }],
            AvailabilityZone = task.Network.AvailabilityZone,
            CapacityProviderName = task.CapacityProviderName,
            ClusterArn = ctx.Arns.Cluster(task.ClusterName),
            Connectivity = attached ? "CONNECTED" : null,
            ConnectivityAt = attached ? task.PendingAt : null,
            Containers = [.. task.Containers.Select(c => Container(ctx, task, c, status, ran, executionStopped))],
            Cpu = task.Cpu,
            CreatedAt = task.CreatedAt,
            DesiredStatus = TaskTimeline.DesiredStatus(task, t),
            EnableExecuteCommand = task.EnableExecuteCommand,
            ExecutionStoppedAt = executionStopped ? stop!.DeprovisioningAt : null,
            Group = task.Group,
            HealthStatus = "UNKNOWN",
            LastStatus = status,
            LaunchType = task.LaunchType,
            Memory = task.Memory,
            Overrides = task.Overrides,
            PlatformVersion = task.PlatformVersion,
            PlatformFamily = "Linux",
            PullStartedAt = Reached(task.PendingAt),
            PullStoppedAt = Reached(task.ActivatingAt),
            StartedAt = ran ? task.RunningAt : null,
            StartedBy = task.StartedBy,
            StopCode = stop?.Code,
            StoppedAt = stop is not null && t >= stop.StoppedAt ? stop.StoppedAt : null,
            StoppedReason = stop?.Reason,
            StoppingAt = stop?.At,
            Tags = includeTags ? [.. task.Tags] : null,
            TaskArn = task.Arn,
            TaskDefinitionArn = task.TaskDefinitionArn,
            Version = TaskTimeline.Version(task, t),
            EphemeralStorage = new EphemeralStorage { SizeInGiB = 20 },
            FargateEphemeralStorage = new TaskEphemeralStorage { SizeInGiB = 20 },
        };
    }

    private static Container Container(RegionContext ctx, TaskState task, TaskContainerState c, string taskStatus, bool ran, bool executionStopped)
    {
        var stop = task.Stop;
        var lastStatus = executionStopped || taskStatus == TaskTimeline.Stopped ? "STOPPED"
            : ran ? "RUNNING"
            : "PENDING";
        return new Container
        {
            ContainerArn = c.ContainerArn,
            TaskArn = task.Arn,
            Name = c.Name,
            Image = c.Image,
            ImageDigest = ran || executionStopped ? c.ImageDigest : null,
            RuntimeId = ran ? c.RuntimeId : null,
            LastStatus = lastStatus,
            ExitCode = lastStatus == "STOPPED" && task.RunningAt <= (stop?.At ?? DateTimeOffset.MaxValue) ? stop?.ExitCode : null,
            Reason = lastStatus == "STOPPED" ? stop?.ContainerReason : null,
            NetworkBindings = [],
            NetworkInterfaces = [new NetworkInterface { AttachmentId = task.Network.AttachmentId, PrivateIpv4Address = task.Network.PrivateIp }],
            HealthStatus = "UNKNOWN",
            Cpu = (c.Cpu ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Memory = c.Memory?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static string PrivateDnsName(RegionContext ctx, string ip)
        => ctx.Region.Region == "us-east-1"
            ? $"ip-{ip.Replace('.', '-')}.ec2.internal"
            : $"ip-{ip.Replace('.', '-')}.{ctx.Region.Region}.compute.internal";

    public static Service Service(RegionContext ctx, ServiceState service, bool includeTags)
    {
        var t = ctx.Now;
        var tasks = ctx.Region.Tasks.Where(x => x.ServiceName == service.Name && x.ClusterName == service.ClusterName).ToList();
        int Count(string? deploymentId, Func<string, bool> status)
            => tasks.Count(x => (deploymentId is null || x.DeploymentId == deploymentId) && status(TaskTimeline.LastStatus(x, t)));
        var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        return new Service
        {
            ServiceArn = service.Arn,
            ServiceName = service.Name,
            ClusterArn = ctx.Arns.Cluster(service.ClusterName),
            LoadBalancers = [],
            ServiceRegistries = [],
            Status = service.Status,
            DesiredCount = service.DesiredCount,
            RunningCount = Count(null, s => s == TaskTimeline.Running),
            PendingCount = Count(null, TaskTimeline.IsPendingLike),
            LaunchType = service.CapacityProvider is null ? service.LaunchType : null,
            CapacityProviderStrategy = service.CapacityProvider is null ? null : [new CapacityProviderStrategyItem { CapacityProvider = service.CapacityProvider, Weight = 1, Base = 0 }],
            PlatformVersion = service.PlatformVersion,
            PlatformFamily = "Linux",
            TaskDefinition = primary?.TaskDefinitionArn,
            DeploymentConfiguration = service.DeploymentConfiguration,
            Deployments = [.. service.Deployments.Select(d => new Deployment
            {
                Id = d.Id,
                Status = d.Status,
                TaskDefinition = d.TaskDefinitionArn,
                DesiredCount = d.DesiredCount,
                PendingCount = Count(d.Id, TaskTimeline.IsPendingLike),
                RunningCount = Count(d.Id, s => s == TaskTimeline.Running),
                FailedTasks = d.FailedTasks,
                CreatedAt = d.CreatedAt,
                UpdatedAt = d.UpdatedAt,
                LaunchType = service.CapacityProvider is null ? service.LaunchType : null,
                PlatformVersion = "1.4.0",
                PlatformFamily = "Linux",
                NetworkConfiguration = d.NetworkConfiguration,
                RolloutState = d.RolloutState,
                RolloutStateReason = d.RolloutStateReason,
            })],
            RoleArn = $"arn:aws:iam::{ctx.Account.Options.AccountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
            Events = [.. service.Events],
            CreatedAt = service.CreatedAt,
            PlacementConstraints = [],
            PlacementStrategy = [],
            NetworkConfiguration = service.NetworkConfiguration,
            HealthCheckGracePeriodSeconds = 0,
            SchedulingStrategy = "REPLICA",
            DeploymentController = new DeploymentController { Type = "ECS" },
            Tags = includeTags ? [.. service.Tags] : null,
            CreatedBy = ctx.Arns.Root,
            EnableECSManagedTags = false,
            PropagateTags = service.PropagateTags ?? "NONE",
            EnableExecuteCommand = service.EnableExecuteCommand,
            AvailabilityZoneRebalancing = "ENABLED",
        };
    }

    public static Cluster Cluster(RegionContext ctx, ClusterState cluster, IReadOnlyCollection<string> include)
    {
        var t = ctx.Now;
        var tasks = ctx.Region.Tasks.Where(x => x.ClusterName == cluster.Name).Select(x => TaskTimeline.LastStatus(x, t)).ToList();
        var running = tasks.Count(s => s == TaskTimeline.Running);
        var pending = tasks.Count(TaskTimeline.IsPendingLike);
        var active = ctx.Region.Services.Count(s => s.ClusterName == cluster.Name && s.Status == "ACTIVE");
        var draining = ctx.Region.Services.Count(s => s.ClusterName == cluster.Name && s.Status == "DRAINING");
        string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Cluster
        {
            ClusterArn = cluster.Arn,
            ClusterName = cluster.Name,
            Status = cluster.Status,
            RegisteredContainerInstancesCount = 0,
            RunningTasksCount = running,
            PendingTasksCount = pending,
            ActiveServicesCount = active,
            Statistics = include.Contains("STATISTICS")
                ?
                [
                    new KeyValuePair { Name = "runningEC2TasksCount", Value = "0" },
                    new KeyValuePair { Name = "runningFargateTasksCount", Value = N(running) },
                    new KeyValuePair { Name = "pendingEC2TasksCount", Value = "0" },
                    new KeyValuePair { Name = "pendingFargateTasksCount", Value = N(pending) },
                    new KeyValuePair { Name = "runningExternalTasksCount", Value = "0" },
                    new KeyValuePair { Name = "pendingExternalTasksCount", Value = "0" },
                    new KeyValuePair { Name = "activeEC2ServiceCount", Value = "0" },
                    new KeyValuePair { Name = "activeFargateServiceCount", Value = N(active) },
                    new KeyValuePair { Name = "drainingEC2ServiceCount", Value = "0" },
                    new KeyValuePair { Name = "drainingFargateServiceCount", Value = N(draining) },
                    new KeyValuePair { Name = "activeExternalServiceCount", Value = "0" },
                    new KeyValuePair { Name = "drainingExternalServiceCount", Value = "0" },
                ]
                : [],
            Tags = include.Contains("TAGS") ? [.. cluster.Tags] : [],
            Settings = include.Contains("SETTINGS") ? [new ClusterSetting { Name = "containerInsights", Value = "disabled" }] : null,
            CapacityProviders = ["FARGATE", "FARGATE_SPOT"],
            DefaultCapacityProviderStrategy = [new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Weight = 1, Base = 0 }],
            Attachments = include.Contains("ATTACHMENTS") ? [] : null,
        };
    }
}
