using EcsConsole.Core.Aws.Ecr.Model;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Tests.Sandbox;

/// <summary>A newcomer's first look: the account already holds the Fargate tutorial, running.</summary>
public sealed class SeededAccountTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task TheDemoClusterRunsTheFastApiServiceWithOneTask()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var clusters = await sandbox.Ecs.ListClustersAsync(new ListClustersRequest(), Ct);
        Assert.Equal(["arn:aws:ecs:us-east-1:123456789012:cluster/demo"], clusters.ClusterArns);

        var cluster = Assert.Single(await sandbox.Ecs.DescribeClustersBatchedAsync(["demo"], Ct));
        Assert.Equal("ACTIVE", cluster.Status);
        Assert.Equal(1, cluster.RunningTasksCount);
        Assert.Equal(1, cluster.ActiveServicesCount);
        Assert.Contains(cluster.Statistics!, s => s.Name == "runningFargateTasksCount" && s.Value == "1");

        var service = Assert.Single(await sandbox.Ecs.DescribeServicesBatchedAsync("demo", ["fastapi-demo-service"], Ct));
        Assert.Equal(("ACTIVE", 1, 1), (service.Status, service.DesiredCount, service.RunningCount));
        Assert.Equal("COMPLETED", Assert.Single(service.Deployments!).RolloutState);
        Assert.Contains(service.Events!, e => e.Message!.Contains("has reached a steady state", StringComparison.Ordinal));

        var taskArn = Assert.Single((await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", ServiceName = "fastapi-demo-service" }, Ct)).TaskArns!);
        var task = await sandbox.DescribeTaskAsync(taskArn);
        Assert.Equal(("RUNNING", "RUNNING"), (task.LastStatus, task.DesiredStatus));
        Assert.Equal("service:fastapi-demo-service", task.Group);
    }

    [Fact]
    public async Task TheTaskDefinitionIsTheTutorialsQuarterVcpuHalfGigabyteApp()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var definition = (await sandbox.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "fastapi-demo" }, Ct)).TaskDefinition!;

        Assert.Equal(("fastapi-demo", 1, "256", "512", "awsvpc"), (definition.Family, definition.Revision, definition.Cpu, definition.Memory, definition.NetworkMode));
        Assert.Contains("FARGATE", definition.Compatibilities!);
        var container = Assert.Single(definition.ContainerDefinitions!);
        Assert.Equal("app", container.Name);
        Assert.Equal(80, Assert.Single(container.PortMappings!).ContainerPort);
        Assert.Equal("awslogs", container.LogConfiguration!.LogDriver);
        Assert.Equal("/ecs/fastapi-demo", container.LogConfiguration.Options!["awslogs-group"]);
        Assert.Equal("ecs", container.LogConfiguration.Options["awslogs-stream-prefix"]);
    }

    [Fact]
    public async Task TheRegistryHoldsTheImageTheTaskDefinitionUses()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var repository = Assert.Single(await ToListAsync(sandbox.Clients.Ecr.DescribeAllRepositoriesAsync(Ct)));
        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/fastapi-demo", repository.RepositoryUri);
        var images = await sandbox.Clients.Ecr.DescribeImagesAsync(new DescribeImagesRequest
        {
            RepositoryName = "fastapi-demo",
            ImageIds = [new ImageIdentifier { ImageTag = "latest" }],
        }, Ct);
        Assert.StartsWith("sha256:", Assert.Single(images.ImageDetails!).ImageDigest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDefaultVpcHasTwoSubnetsInTwoZonesAndASecurityGroupOpenOnPort80()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var vpc = Assert.Single(await sandbox.Clients.Ec2.DescribeVpcsAsync(Ct));
        Assert.True(vpc.IsDefault);
        var subnets = await sandbox.Clients.Ec2.DescribeSubnetsAsync(vpc.VpcId, Ct);
        Assert.Equal(2, subnets.Select(s => s.AvailabilityZone).Distinct().Count());
        var group = Assert.Single(await sandbox.Clients.Ec2.DescribeSecurityGroupsAsync(vpc.VpcId, Ct));
        Assert.Equal("default", group.GroupName);
        Assert.Contains(group.IpPermissions, p => p.IpProtocol == "tcp" && p.FromPort == 80 && p.Ipv4Ranges.Any(r => r.CidrIp == "0.0.0.0/0"));

        var identity = await sandbox.Clients.Sts.GetCallerIdentityAsync(Ct);
        Assert.Equal("123456789012", identity.Account);
    }

    [Fact]
    public async Task OtherRegionsHaveADefaultVpcButNoClusters()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var ohio = sandbox.ClientsFor("us-east-2");

        var clusters = await ohio.Ecs.ListClustersAsync(new ListClustersRequest(), Ct);

        Assert.Empty(clusters.ClusterArns!);
        var vpc = Assert.Single(await ohio.Ec2.DescribeVpcsAsync(Ct));
        Assert.True(vpc.IsDefault);
        Assert.Equal(["us-east-2a", "us-east-2b"], (await ohio.Ec2.DescribeSubnetsAsync(vpc.VpcId, Ct)).Select(s => s.AvailabilityZone).Order());
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
