using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Tests.Sandbox;

/// <summary>Paging, batch limits and task definition rules, enforced as AWS enforces them.</summary>
public sealed class EcsApiLimitsTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task DescribeServicesWithElevenNamesIsAnInvalidParameter()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.DescribeServicesAsync(new DescribeServicesRequest
        {
            Cluster = "demo", Services = [.. Enumerable.Range(0, 11).Select(i => $"svc-{i}")],
        }, Ct));

        Assert.Equal(("InvalidParameterException", AwsErrorKind.InvalidInput), (error.ErrorCode, error.Kind));
    }

    [Fact]
    public async Task DescribeTasksWith101IdsIsAnInvalidParameterWhile100AreFine()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var ids = Enumerable.Range(0, 101).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "demo", Tasks = ids }, Ct));
        var hundred = await sandbox.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "demo", Tasks = ids[..100] }, Ct);

        Assert.Equal("InvalidParameterException", error.ErrorCode);
        Assert.Equal(100, hundred.Failures!.Count);
    }

    [Fact]
    public async Task DeleteTaskDefinitionsTakesAtMostTen()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.DeleteTaskDefinitionsAsync(new DeleteTaskDefinitionsRequest
        {
            TaskDefinitions = [.. Enumerable.Range(1, 11).Select(i => $"fastapi-demo:{i}")],
        }, Ct));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    [Fact]
    public async Task ListTasksPagesWithNextTokenAndThePagingHelperCollectsEveryTask()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await sandbox.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "demo", TaskDefinition = "fastapi-demo", Count = 4, NetworkConfiguration = sandbox.PublicNetwork() }, Ct);
        }

        var first = await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", MaxResults = 5 }, Ct);
        var second = await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", MaxResults = 5, NextToken = first.NextToken }, Ct);
        var all = await SeededAccountTests.ToListAsync(sandbox.Ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = "demo" }, Ct));

        Assert.Equal(5, first.TaskArns!.Count);
        Assert.NotNull(first.NextToken);
        Assert.Empty(first.TaskArns.Intersect(second.TaskArns!));
        Assert.Equal(13, all.Distinct().Count());
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", NextToken = "bogus" }, Ct));
        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    [Fact]
    public async Task ListServicesReturnsTenPerPageByDefault()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        for (var i = 0; i < 11; i++)
        {
            await sandbox.Ecs.CreateServiceAsync(new CreateServiceRequest
            {
                Cluster = "demo", ServiceName = $"svc-{i:00}", TaskDefinition = "fastapi-demo", DesiredCount = 0, NetworkConfiguration = sandbox.PublicNetwork(),
            }, Ct);
        }

        var page = await sandbox.Ecs.ListServicesAsync(new ListServicesRequest { Cluster = "demo" }, Ct);

        Assert.Equal(10, page.ServiceArns!.Count);
        Assert.NotNull(page.NextToken);
        Assert.Equal(12, (await SeededAccountTests.ToListAsync(sandbox.Ecs.ListAllServicesAsync("demo", Ct))).Count);
    }

    public static TheoryData<string, string, bool> FargateSizes => new()
    {
        { "256", "512", true }, { "256", "2048", true }, { "256", "4096", false },
        { "512", "1024", true }, { "512", "4096", true }, { "512", "5120", false },
        { "1024", "8192", true }, { "1024", "1024", false },
        { "2048", "16384", true }, { "4096", "30720", true }, { "4096", "31744", false },
        { "8192", "20480", true }, { "8192", "18432", false }, { "16384", "122880", true }, { "16384", "36864", false },
        { "0.25 vCPU", "0.5 GB", true }, { "1 vCPU", "3 GB", true }, { "384", "1024", false },
    };

    [Theory]
    [MemberData(nameof(FargateSizes))]
    public async Task RegisterAcceptsExactlyFargatesCpuMemoryPairs(string cpu, string memory, bool valid)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var request = Minimal() with { Cpu = cpu, Memory = memory };

        if (valid)
        {
            var registered = (await sandbox.Ecs.RegisterTaskDefinitionAsync(request, Ct)).TaskDefinition!;
            Assert.Equal(global::EcsConsole.Sandbox.Ecs.FargateSizes.ParseCpu(cpu).ToString(), registered.Cpu);
            Assert.Contains("FARGATE", registered.Compatibilities!);
        }
        else
        {
            var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.RegisterTaskDefinitionAsync(request, Ct));
            Assert.Equal(("ClientException", AwsErrorKind.InvalidInput), (error.ErrorCode, error.Kind));
            Assert.StartsWith("No Fargate configuration exists for given values", error.AwsMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RegisterRejectsWhatFargateCannotRun()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var container = Minimal().ContainerDefinitions![0];

        async Task<string> RejectedAsync(RegisterTaskDefinitionRequest request)
            => (await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.RegisterTaskDefinitionAsync(request, Ct))).AwsMessage;

        Assert.Contains("at most 10 containers", await RejectedAsync(Minimal() with
        {
            ContainerDefinitions = [.. Enumerable.Range(0, 11).Select(i => container with { Name = $"c{i}" })],
        }), StringComparison.Ordinal);
        Assert.Contains("unique", await RejectedAsync(Minimal() with { ContainerDefinitions = [container, container] }), StringComparison.Ordinal);
        Assert.Equal("Fargate only supports network mode ‘awsvpc’.", await RejectedAsync(Minimal() with { NetworkMode = "bridge" }));
        Assert.Equal("Fargate requires that 'cpu' be defined at the task level.", await RejectedAsync(Minimal() with { Cpu = null }));
        Assert.Contains("invalid characters", await RejectedAsync(Minimal() with { Family = "has space" }), StringComparison.Ordinal);
        Assert.Equal("Fargate requires task definition to have execution role ARN to support log driver awslogs.", await RejectedAsync(Minimal() with
        {
            ContainerDefinitions = [container with { LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new() { ["awslogs-group"] = "/ecs/x", ["awslogs-stream-prefix"] = "ecs" } } }],
        }));
        Assert.Equal("When networkMode=awsvpc, the host ports and container ports in port mappings must match.", await RejectedAsync(Minimal() with
        {
            ContainerDefinitions = [container with { PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 8080 }] }],
        }));
    }

    [Fact]
    public async Task RevisionsCountUpAndDeregisteredOnesCanBeDeleted()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var first = (await sandbox.Ecs.RegisterTaskDefinitionAsync(Minimal(), Ct)).TaskDefinition!;
        var second = (await sandbox.Ecs.RegisterTaskDefinitionAsync(Minimal(), Ct)).TaskDefinition!;
        Assert.Equal((1, 2), (first.Revision, second.Revision));

        var active = await sandbox.Ecs.DeleteTaskDefinitionsAsync(new DeleteTaskDefinitionsRequest { TaskDefinitions = ["web:1"] }, Ct);
        Assert.Contains("ACTIVE", Assert.Single(active.Failures!).Reason, StringComparison.Ordinal);

        var deregistered = (await sandbox.Ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest { TaskDefinition = "web:1" }, Ct)).TaskDefinition!;
        Assert.Equal("INACTIVE", deregistered.Status);
        var deleted = await sandbox.Ecs.DeleteTaskDefinitionsAsync(new DeleteTaskDefinitionsRequest { TaskDefinitions = ["web:1"] }, Ct);
        Assert.Equal("DELETE_IN_PROGRESS", Assert.Single(deleted.TaskDefinitions!).Status);

        var families = await SeededAccountTests.ToListAsync(sandbox.Ecs.ListAllTaskDefinitionFamiliesAsync("ACTIVE", Ct));
        Assert.Equal(["fastapi-demo", "web"], families);
        var arns = await SeededAccountTests.ToListAsync(sandbox.Ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = "web" }, Ct));
        Assert.Equal([second.TaskDefinitionArn!], arns);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "demo", TaskDefinition = "web:1", NetworkConfiguration = sandbox.PublicNetwork(),
        }, Ct));
        Assert.Equal("ClientException", error.ErrorCode);
    }

    [Fact]
    public async Task TagsCanBeAddedListedAndRemoved()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        const string arn = "arn:aws:ecs:us-east-1:123456789012:cluster/demo";

        await sandbox.Ecs.TagResourceAsync(new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "team", Value = "blue" }, new Tag { Key = "env", Value = "dev" }] }, Ct);
        await sandbox.Ecs.UntagResourceAsync(new UntagResourceRequest { ResourceArn = arn, TagKeys = ["env"] }, Ct);

        var tags = (await sandbox.Ecs.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = arn }, Ct)).Tags!;
        Assert.Equal(("team", "blue"), (Assert.Single(tags).Key, tags[0].Value));
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.ListTagsForResourceAsync(
            new ListTagsForResourceRequest { ResourceArn = "arn:aws:ecs:us-east-1:123456789012:cluster/ghost" }, Ct));
        Assert.Equal(("ResourceNotFoundException", AwsErrorKind.NotFound), (error.ErrorCode, error.Kind));
    }

    private static RegisterTaskDefinitionRequest Minimal() => new()
    {
        Family = "web",
        NetworkMode = "awsvpc",
        RequiresCompatibilities = ["FARGATE"],
        Cpu = "256",
        Memory = "512",
        ContainerDefinitions = [new ContainerDefinition { Name = "web", Image = "nginx:latest", PortMappings = [new PortMapping { ContainerPort = 80 }] }],
    };
}
