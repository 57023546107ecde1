using Amazon.EC2;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Tests.Sandbox;

/// <summary>Tasks go through Fargate's states on the sandbox's clock, with every timestamp AWS reports.</summary>
public sealed class TaskLifecycleTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task ARunTaskMovesFromProvisioningToRunningOverAFewSeconds()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var task = await sandbox.RunDemoTaskAsync();
        Assert.Equal(("PROVISIONING", "RUNNING"), (task.LastStatus, task.DesiredStatus));
        Assert.Equal(SandboxHarness.Start, task.CreatedAt);
        Assert.Null(task.StartedAt);

        sandbox.Advance(2);
        task = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal("PENDING", task.LastStatus);
        Assert.Equal(SandboxHarness.Start.AddSeconds(2), task.PullStartedAt);

        sandbox.Advance(3);
        task = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal("ACTIVATING", task.LastStatus);
        Assert.Equal(SandboxHarness.Start.AddSeconds(5), task.PullStoppedAt);

        sandbox.Advance(1);
        task = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal("RUNNING", task.LastStatus);
        Assert.Equal(SandboxHarness.Start.AddSeconds(6), task.StartedAt);
        Assert.Equal("RUNNING", Assert.Single(task.Containers!).LastStatus);
    }

    [Fact]
    public async Task StopTaskGoesThroughStoppingAndDeprovisioningToStoppedWithTheUsersReason()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(10);

        var stopped = (await sandbox.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "demo", Task = task.TaskArn, Reason = "done testing" }, Ct)).Task!;
        Assert.Equal(("STOPPING", "STOPPED", "UserInitiated", "done testing"), (stopped.LastStatus, stopped.DesiredStatus, stopped.StopCode, stopped.StoppedReason));
        Assert.Equal(SandboxHarness.Start.AddSeconds(10), stopped.StoppingAt);

        sandbox.Advance(2);
        Assert.Equal("DEPROVISIONING", (await sandbox.DescribeTaskAsync(task.TaskArn!)).LastStatus);

        sandbox.Advance(3);
        var final = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal("STOPPED", final.LastStatus);
        Assert.Equal(SandboxHarness.Start.AddSeconds(15), final.StoppedAt);
        Assert.Equal(SandboxHarness.Start.AddSeconds(12), final.ExecutionStoppedAt);
        var container = Assert.Single(final.Containers!);
        Assert.Equal(("STOPPED", 0), (container.LastStatus, container.ExitCode));
    }

    [Fact]
    public async Task StoppedTasksDropOutOfListingsAfterTheRetention()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.StoppedTaskRetention = TimeSpan.FromMinutes(30));
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(10);
        await sandbox.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "demo", Task = task.TaskArn }, Ct);
        sandbox.Advance(20);

        var stopped = await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", DesiredStatus = "STOPPED" }, Ct);
        Assert.Contains(task.TaskArn, stopped.TaskArns!);
        Assert.DoesNotContain(task.TaskArn, (await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo" }, Ct)).TaskArns!);

        sandbox.Advance(TimeSpan.FromMinutes(31));

        Assert.Empty((await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", DesiredStatus = "STOPPED" }, Ct)).TaskArns!);
        var described = await sandbox.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "demo", Tasks = [task.TaskArn!] }, Ct);
        Assert.Empty(described.Tasks!);
        Assert.Equal("MISSING", Assert.Single(described.Failures!).Reason);
    }

    [Fact]
    public async Task APublicTaskGetsAnEniWithAPrivateIpInItsSubnetAndAPublicTestNetIpThatGoAwayWhenItStops()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(6);
        task = await sandbox.DescribeTaskAsync(task.TaskArn!);

        var details = Assert.Single(task.Attachments!).Details!.ToDictionary(d => d.Name!, d => d.Value!);
        var eniId = details["networkInterfaceId"];
        var eni = Assert.Single(await sandbox.Clients.Ec2.DescribeNetworkInterfacesAsync([eniId], Ct));
        Assert.StartsWith("203.0.113.", eni.Association.PublicIp, StringComparison.Ordinal);
        Assert.Equal(details["privateIPv4Address"], eni.PrivateIpAddress);
        Assert.Equal(details["subnetId"], eni.SubnetId);
        var subnet = (await sandbox.Clients.Ec2.DescribeSubnetsAsync(null, Ct)).Single(s => s.SubnetId == eni.SubnetId);
        Assert.StartsWith(subnet.CidrBlock.Split('.')[0] + "." + subnet.CidrBlock.Split('.')[1] + ".", eni.PrivateIpAddress, StringComparison.Ordinal);

        await sandbox.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "demo", Task = task.TaskArn }, Ct);
        sandbox.Advance(4);
        Assert.Single(await sandbox.Clients.Ec2.DescribeNetworkInterfacesAsync([eniId], Ct));
        sandbox.Advance(1);

        Assert.Empty(await sandbox.Clients.Ec2.DescribeNetworkInterfacesAsync([eniId], Ct));
        Assert.Equal("DELETED", Assert.Single((await sandbox.DescribeTaskAsync(task.TaskArn!)).Attachments!).Status);
    }

    [Fact]
    public async Task AnUnknownEniIdAskedForByIdIsTheEc2NotFoundError()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        using var ec2 = new AmazonEC2Client(new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonEC2Config { ServiceURL = sandbox.Server.BaseUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeNetworkInterfacesAsync(
            new Amazon.EC2.Model.DescribeNetworkInterfacesRequest { NetworkInterfaceIds = ["eni-0123456789abcdef0"] }, Ct));

        Assert.Equal("InvalidNetworkInterfaceID.NotFound", error.ErrorCode);
        Assert.Contains("eni-0123456789abcdef0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAPublicIpTheEniHasNoAssociation()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var task = await sandbox.RunDemoTaskAsync(assignPublicIp: false);
        var eniId = task.Attachments![0].Details!.Single(d => d.Name == "networkInterfaceId").Value!;

        var eni = Assert.Single(await sandbox.Clients.Ec2.DescribeNetworkInterfacesAsync([eniId], Ct));

        Assert.Null(eni.Association);
    }

    [Fact]
    public async Task AnImageTaggedCrashExitsWithCode1AndATraceback()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var definition = await RegisterAsync(sandbox, "crasher", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fastapi-demo:crash");
        var task = await sandbox.RunDemoTaskAsync(family: definition.Family!);

        sandbox.Advance(6);
        Assert.Equal("RUNNING", (await sandbox.DescribeTaskAsync(task.TaskArn!)).LastStatus);
        sandbox.Advance(10);

        task = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal(("STOPPED", "EssentialContainerExited", "Essential container in task exited"), (task.LastStatus, task.StopCode, task.StoppedReason));
        Assert.Equal(1, Assert.Single(task.Containers!).ExitCode);
        var events = await sandbox.Clients.Logs.GetLogEventsAsync(new EcsConsole.Core.Aws.Logs.Model.GetLogEventsRequest
        {
            LogGroupName = "/ecs/crasher",
            LogStreamName = $"ecs/app/{task.TaskArn!.Split('/')[^1]}",
            StartFromHead = true,
        }, Ct);
        Assert.Contains(events.Events!, e => e.Message!.StartsWith("RuntimeError", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnImageMissingFromTheRegistryFailsToStartWithCannotPullContainerError()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var definition = await RegisterAsync(sandbox, "ghost", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fastapi-demo:v9");
        var task = await sandbox.RunDemoTaskAsync(family: definition.Family!);

        sandbox.Advance(30);

        task = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal(("STOPPED", "TaskFailedToStart"), (task.LastStatus, task.StopCode));
        Assert.StartsWith("CannotPullContainerError", task.StoppedReason, StringComparison.Ordinal);
        Assert.Null(task.StartedAt);
        Assert.StartsWith("CannotPullContainerError", Assert.Single(task.Containers!).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTaskWithAClientTokenStartsTasksOnceHoweverOftenItIsRetried()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var request = new RunTaskRequest { Cluster = "demo", TaskDefinition = "fastapi-demo", Count = 2, ClientToken = "retry-me", NetworkConfiguration = sandbox.PublicNetwork() };

        var first = await sandbox.Ecs.RunTaskAsync(request, Ct);
        var second = await sandbox.Ecs.RunTaskAsync(request, Ct);

        Assert.Equal(first.Tasks!.Select(t => t.TaskArn), second.Tasks!.Select(t => t.TaskArn));
        var all = await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", Family = "fastapi-demo", StartedBy = null }, Ct);
        Assert.Equal(3, all.TaskArns!.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task RunTaskCountOutsideOneToTenIsRejected(int count)
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "demo", TaskDefinition = "fastapi-demo", Count = count, NetworkConfiguration = sandbox.PublicNetwork(),
        }, Ct));

        Assert.Equal(("InvalidParameterException", AwsErrorKind.InvalidInput), (error.ErrorCode, error.Kind));
    }

    [Fact]
    public async Task RunTaskOnFargateWithoutANetworkConfigurationIsRejectedAsAwsDoes()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "demo", TaskDefinition = "fastapi-demo", LaunchType = "FARGATE",
        }, Ct));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
        Assert.Equal("Network Configuration must be provided when networkMode 'awsvpc' is specified.", error.AwsMessage);
    }

    [Fact]
    public async Task RunTaskInAnUnknownSubnetNamesTheSubnet()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "demo", TaskDefinition = "fastapi-demo",
            NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-0000000000000dead"] } },
        }, Ct));

        Assert.Contains("subnet-0000000000000dead", error.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownClusterIsClusterNotFound()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "nope" }, Ct));

        Assert.Equal(("ClusterNotFoundException", "Cluster not found.", AwsErrorKind.NotFound), (error.ErrorCode, error.AwsMessage, error.Kind));
    }

    [Fact]
    public async Task StoppingAnUnknownTaskIsAnInvalidParameter()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "demo", Task = "0123456789abcdef0123456789abcdef" }, Ct));

        Assert.Equal(("InvalidParameterException", "The referenced task was not found."), (error.ErrorCode, error.AwsMessage));
    }

    internal static async Task<TaskDefinition> RegisterAsync(SandboxHarness sandbox, string family, string image)
    {
        var response = await sandbox.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = family,
            NetworkMode = "awsvpc",
            RequiresCompatibilities = ["FARGATE"],
            Cpu = "256",
            Memory = "512",
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = "app",
                    Image = image,
                    PortMappings = [new PortMapping { ContainerPort = 80 }],
                    LogConfiguration = new LogConfiguration
                    {
                        LogDriver = "awslogs",
                        Options = new Dictionary<string, string>
                        {
                            ["awslogs-group"] = $"/ecs/{family}",
                            ["awslogs-region"] = "us-east-1",
                            ["awslogs-stream-prefix"] = "ecs",
                            ["awslogs-create-group"] = "true",
                        },
                    },
                },
            ],
        }, Ct);
        return response.TaskDefinition!;
    }
}
