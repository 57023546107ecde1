using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecr.Model;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Aws.Logs.Model;

namespace EcsConsole.Tests.Sandbox;

/// <summary>Containers write awslogs streams that read like CloudWatch's; ECR keeps AWS's repository rules.</summary>
public sealed class LogsAndRegistryTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static string StreamOf(EcsTask task) => $"ecs/app/{task.TaskArn!.Split('/')[^1]}";

    [Fact]
    public async Task ARunningContainerWritesAUvicornBannerThenAccessLinesToItsAwslogsStream()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.LogLineInterval = TimeSpan.FromSeconds(5));
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(6 + 20);

        var streams = await SeededAccountTests.ToListAsync(sandbox.Clients.Logs.DescribeAllLogStreamsAsync("/ecs/fastapi-demo", "ecs/app/", Ct));
        Assert.Contains(streams, s => s.LogStreamName == StreamOf(task));
        var events = (await sandbox.Clients.Logs.GetLogEventsAsync(new GetLogEventsRequest
        {
            LogGroupName = "/ecs/fastapi-demo", LogStreamName = StreamOf(task), StartFromHead = true,
        }, Ct)).Events!;

        Assert.Equal("INFO:     Started server process [1]", events[0].Message);
        Assert.Contains(events, e => e.Message!.StartsWith("INFO:     Uvicorn running on http://0.0.0.0:80", StringComparison.Ordinal));
        Assert.Equal(4, events.Count(e => e.Message!.Contains("HTTP/1.1\"", StringComparison.Ordinal)));
        Assert.Equal((SandboxHarness.Start.AddSeconds(6)).ToUnixTimeMilliseconds(), events[0].Timestamp);
    }

    [Fact]
    public async Task GetLogEventsPagesForwardWithTokensAndHandsBackTheSameTokenWhenCaughtUp()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.LogLineInterval = TimeSpan.FromSeconds(1));
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(6 + 10);
        var request = new GetLogEventsRequest { LogGroupName = "/ecs/fastapi-demo", LogStreamName = StreamOf(task), StartFromHead = true, Limit = 5 };

        var pages = new List<GetLogEventsResponse> { await sandbox.Clients.Logs.GetLogEventsAsync(request, Ct) };
        while (pages[^1].Events!.Count > 0)
        {
            pages.Add(await sandbox.Clients.Logs.GetLogEventsAsync(request with { NextToken = pages[^1].NextForwardToken }, Ct));
        }

        var read = pages.SelectMany(p => p.Events!).ToList();
        Assert.Equal(14, read.Count);
        Assert.Equal(pages[^2].NextForwardToken, pages[^1].NextForwardToken);
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));

        sandbox.Advance(3);
        var fresh = await sandbox.Clients.Logs.GetLogEventsAsync(request with { NextToken = pages[^1].NextForwardToken }, Ct);
        Assert.Equal(3, fresh.Events!.Count);

        var back = await sandbox.Clients.Logs.GetLogEventsAsync(request with { NextToken = fresh.NextBackwardToken }, Ct);
        Assert.Equal(read.TakeLast(5).Select(e => e.Message), back.Events!.Select(e => e.Message));
    }

    [Fact]
    public async Task WithoutStartFromHeadTheNewestEventsComeBack()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.LogLineInterval = TimeSpan.FromSeconds(1));
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(6 + 10);

        var latest = await sandbox.Clients.Logs.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = "/ecs/fastapi-demo", LogStreamName = StreamOf(task), Limit = 2 }, Ct);

        Assert.Equal(SandboxHarness.Start.AddSeconds(16).ToUnixTimeMilliseconds(), latest.Events![^1].Timestamp);
    }

    [Fact]
    public async Task FilterLogEventsMatchesTermsAndQuotedPhrasesAcrossStreams()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.Clients.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = "/app/manual" }, Ct);
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => Put(sandbox, "missing", (SandboxHarness.Start.ToUnixTimeMilliseconds(), "x")));
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);

        foreach (var stream in new[] { "a", "b" })
        {
            await sandbox.CallAsync<CreateLogStreamRequest, AwsEmptyResponse>(AwsService.Logs, "CreateLogStream", new CreateLogStreamRequest { LogGroupName = "/app/manual", LogStreamName = stream });
        }

        var t0 = SandboxHarness.Start.ToUnixTimeMilliseconds();
        await Put(sandbox, "a", (t0, "ERROR payment failed for order 7"), (t0 + 2, "INFO order 7 shipped"));
        await Put(sandbox, "b", (t0 + 1, "ERROR disk full"), (t0 + 3, "WARN payment slow"));

        async Task<List<string>> Filter(string pattern)
            => [.. (await sandbox.Clients.Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "/app/manual", FilterPattern = pattern }, Ct)).Events!.Select(e => e.Message!)];

        Assert.Equal(["ERROR payment failed for order 7", "ERROR disk full"], await Filter("ERROR"));
        Assert.Equal(["ERROR payment failed for order 7"], await Filter("ERROR payment"));
        Assert.Equal(["ERROR payment failed for order 7"], await Filter("\"payment failed\""));
        Assert.Equal(["ERROR disk full", "WARN payment slow"], await Filter("?disk ?WARN"));
        Assert.Equal(["ERROR disk full"], await Filter("ERROR -payment"));
        Assert.Empty(await Filter("error"));
        Assert.Equal(4, (await Filter("")).Count);
    }

    [Fact]
    public async Task CreatingALogGroupTwiceIsAConflictAndUnknownGroupsAreNotFound()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var twice = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Clients.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = "/ecs/fastapi-demo" }, Ct));
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Clients.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = "/nope" }, Ct));

        Assert.Equal(("ResourceAlreadyExistsException", AwsErrorKind.Conflict), (twice.ErrorCode, twice.Kind));
        Assert.Equal(("ResourceNotFoundException", "The specified log group does not exist."), (missing.ErrorCode, missing.AwsMessage));
    }

    [Fact]
    public async Task ATaskWhoseLogGroupDoesNotExistFailsToStartLikeOnFargate()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var definition = (await sandbox.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = "nolog", NetworkMode = "awsvpc", RequiresCompatibilities = ["FARGATE"], Cpu = "256", Memory = "512",
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            ContainerDefinitions = [new ContainerDefinition
            {
                Name = "app", Image = "nginx",
                LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new() { ["awslogs-group"] = "/ecs/nolog", ["awslogs-stream-prefix"] = "ecs", ["awslogs-region"] = "us-east-1" } },
            }],
        }, Ct)).TaskDefinition!;

        var task = await sandbox.RunDemoTaskAsync(family: definition.Family!);
        sandbox.Advance(20);

        task = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal("TaskFailedToStart", task.StopCode);
        Assert.Contains("The specified log group does not exist.", task.StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepositoriesFollowEcrsNamingRulesAndCannotBeDeletedWhileTheyHoldImages()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var ecr = sandbox.Clients.Ecr;

        var created = (await ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "team/api-server" }, Ct)).Repository!;
        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api-server", created.RepositoryUri);

        var invalid = await Assert.ThrowsAsync<AwsServiceException>(() => ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "Bad_Name" }, Ct));
        Assert.Equal(("InvalidParameterException", AwsErrorKind.InvalidInput), (invalid.ErrorCode, invalid.Kind));
        var duplicate = await Assert.ThrowsAsync<AwsServiceException>(() => ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "team/api-server" }, Ct));
        Assert.Equal("RepositoryAlreadyExistsException", duplicate.ErrorCode);
        var notEmpty = await Assert.ThrowsAsync<AwsServiceException>(() => ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = "fastapi-demo" }, Ct));
        Assert.Equal("RepositoryNotEmptyException", notEmpty.ErrorCode);

        await ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = "team/api-server" }, Ct);
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "team/api-server" }, Ct));
        Assert.Equal(("RepositoryNotFoundException", AwsErrorKind.NotFound), (gone.ErrorCode, gone.Kind));
        var images = await SeededAccountTests.ToListAsync(ecr.DescribeAllImagesAsync("fastapi-demo", Ct));
        Assert.Equal(["crash", "latest"], images.SelectMany(i => i.ImageTags!).Order());
    }

    private static Task<PutLogEventsResponse> Put(SandboxHarness sandbox, string stream, params (long At, string Message)[] events)
        => sandbox.CallAsync<PutLogEventsRequest, PutLogEventsResponse>(AwsService.Logs, "PutLogEvents", new PutLogEventsRequest
        {
            LogGroupName = "/app/manual", LogStreamName = stream,
            LogEvents = [.. events.Select(e => new InputLogEvent { Timestamp = e.At, Message = e.Message })],
        });
}
