using System.Security.Cryptography;
using System.Text;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox.Ecs;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Engine;

/// <summary>
/// What a fresh account holds: every region has a default VPC (two subnets in two zones, a default
/// security group open on port 80); the home region also has the classic Fargate tutorial running.
/// </summary>
internal static class Seeder
{
    public const string DemoCluster = "demo";
    public const string DemoFamily = "fastapi-demo";
    public const string DemoService = "fastapi-demo-service";
    public const string DemoRepository = "fastapi-demo";
    public const string DemoLogGroup = "/ecs/fastapi-demo";
    public const string DemoContainer = "app";

    public static RegionState NewRegion(SandboxAccount account, string region, DateTimeOffset now)
    {
        var state = new RegionState { Region = region };
        SeedNetwork(state, account.Options.AccountId);
        if (account.Options.Seed && region == account.Options.Region)
        {
            SeedDemo(new RegionContext(account, state, now));
        }

        return state;
    }

    /// <summary>IDs derived from the account and region, so the seeded network looks the same on every start.</summary>
    private static string Id(string prefix, string seed, int length = 17)
        => prefix + "-0" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..(length - 1)];

    private static void SeedNetwork(RegionState state, string account)
    {
        var region = state.Region;
        var vpc = new VpcState
        {
            VpcId = Id("vpc", $"{account}/{region}/vpc"),
            CidrBlock = "172.31.0.0/16",
            IsDefault = true,
            DhcpOptionsId = Id("dopt", $"{account}/{region}/dopt"),
            CidrAssociationId = Id("vpc-cidr-assoc", $"{account}/{region}/assoc"),
        };
        state.Vpcs.Add(vpc);
        string[] zones = ["a", "b"];
        for (var i = 0; i < zones.Length; i++)
        {
            state.Subnets.Add(new SubnetState
            {
                SubnetId = Id("subnet", $"{account}/{region}/subnet/{i}"),
                VpcId = vpc.VpcId,
                CidrBlock = $"172.31.{i * 16}.0/20",
                AvailabilityZone = region + zones[i],
                AvailabilityZoneId = $"{ZoneIdPrefix(region)}-az{i + 1}",
                DefaultForAz = true,
                MapPublicIpOnLaunch = true,
            });
        }

        var groupId = Id("sg", $"{account}/{region}/sg");
        state.SecurityGroups.Add(new SecurityGroupState
        {
            GroupId = groupId,
            GroupName = "default",
            Description = "default VPC security group",
            VpcId = vpc.VpcId,
            Ingress =
            [
                new IngressRuleState { Protocol = "tcp", FromPort = 80, ToPort = 80, CidrIp = "0.0.0.0/0", Description = "HTTP from anywhere (the FastAPI tutorial)" },
                new IngressRuleState { Protocol = "-1", FromPort = 0, ToPort = 0, CidrIp = "", SourceGroupId = groupId },
            ],
        });
    }

    private static string ZoneIdPrefix(string region)
    {
        var parts = region.Split('-');
        return parts.Length >= 3 ? $"{parts[0]}{parts[1][0]}{parts[2]}" : region;
    }

    private static void SeedDemo(RegionContext ctx)
    {
        var region = ctx.Region;
        var arns = ctx.Arns;
        var now = ctx.Now;
        region.Clusters.Add(new ClusterState { Name = DemoCluster, Arn = arns.Cluster(DemoCluster) });
        region.Repositories.Add(new RepositoryState
        {
            Name = DemoRepository,
            CreatedAt = now.AddDays(-2),
            Images =
            [
                new ImageState { Digest = Digest("fastapi-demo:latest"), Tags = ["latest"], SizeInBytes = 58_312_704, PushedAt = now.AddDays(-2).AddMinutes(5) },
                new ImageState { Digest = Digest("fastapi-demo:crash"), Tags = ["crash"], SizeInBytes = 58_313_216, PushedAt = now.AddDays(-1) },
            ],
        });
        region.LogGroups.Add(new LogGroupState { Name = DemoLogGroup, CreatedAt = now.AddDays(-2) });

        var definition = EcsApi.Register(ctx with { Now = now.AddDays(-2).AddMinutes(10) }, new RegisterTaskDefinitionRequest
        {
            Family = DemoFamily,
            ExecutionRoleArn = arns.ExecutionRole,
            NetworkMode = "awsvpc",
            RequiresCompatibilities = ["FARGATE"],
            Cpu = "256",
            Memory = "512",
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = "X86_64", OperatingSystemFamily = "LINUX" },
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = DemoContainer,
                    Image = $"{arns.RegistryHost}/{DemoRepository}:latest",
                    Essential = true,
                    PortMappings = [new PortMapping { ContainerPort = 80, Protocol = "tcp", Name = "app-80-tcp", AppProtocol = "http" }],
                    LogConfiguration = new LogConfiguration
                    {
                        LogDriver = "awslogs",
                        Options = new Dictionary<string, string>
                        {
                            ["awslogs-group"] = DemoLogGroup,
                            ["awslogs-region"] = region.Region,
                            ["awslogs-stream-prefix"] = "ecs",
                            ["awslogs-create-group"] = "true",
                        },
                    },
                },
            ],
        }).Definition;

        var network = new NetworkConfiguration
        {
            AwsvpcConfiguration = new AwsVpcConfiguration
            {
                Subnets = [.. region.Subnets.Select(s => s.SubnetId)],
                SecurityGroups = [region.SecurityGroups[0].GroupId],
                AssignPublicIp = "ENABLED",
            },
        };
        var created = now.AddMinutes(-10);
        var deployment = new DeploymentState
        {
            Id = ServiceScheduler.NewDeploymentId(),
            TaskDefinitionArn = definition.TaskDefinitionArn!,
            DesiredCount = 1,
            CreatedAt = created,
            UpdatedAt = now.AddMinutes(-9),
            RolloutState = "COMPLETED",
            RolloutStateReason = "ECS deployment completed.",
            NetworkConfiguration = network,
        };
        deployment.RolloutStateReason = $"ECS deployment {deployment.Id} completed.";
        var service = new ServiceState
        {
            Name = DemoService,
            Arn = arns.Service(DemoCluster, DemoService),
            ClusterName = DemoCluster,
            DesiredCount = 1,
            LaunchType = "FARGATE",
            NetworkConfiguration = network,
            DeploymentConfiguration = new DeploymentConfiguration
            {
                MaximumPercent = 200,
                MinimumHealthyPercent = 100,
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
                Strategy = "ROLLING",
            },
            CreatedAt = created,
            Deployments = [deployment],
            Steady = true,
        };
        region.Services.Add(service);

        // The service's task has been running for a few minutes when the console first opens.
        var started = now.AddMinutes(-3);
        var task = TaskLauncher.Launch(ctx with { Now = started }, new LaunchSpec(
            DemoCluster, definition, "FARGATE", null, TaskLauncher.ResolveNetwork(ctx, network), deployment.Id,
            $"service:{DemoService}", null, [], DemoService, deployment.Id), started);
        ServiceScheduler.AddEvent(service, started, $"(service {DemoService}) has started 1 tasks: (task {task.Id}).");
        ServiceScheduler.AddEvent(service, task.RunningAt.AddSeconds(20), $"(service {DemoService}) (deployment {deployment.Id}) deployment completed.");
        ServiceScheduler.AddEvent(service, task.RunningAt.AddSeconds(20), $"(service {DemoService}) has reached a steady state.");
    }

    private static string Digest(string seed) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
