using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox;

namespace EcsConsole.Tests.Sandbox;

/// <summary>The sandbox as a server: state across restarts, reset, fault injection, the app stand-ins and AWS's auth errors.</summary>
public sealed class SandboxServerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task StateSurvivesARestartAndResetBringsBackTheSeededAccount()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var task = await sandbox.RunDemoTaskAsync();
        await sandbox.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = "kept", NetworkMode = "awsvpc", RequiresCompatibilities = ["FARGATE"], Cpu = "512", Memory = "1024",
            ContainerDefinitions = [new ContainerDefinition { Name = "web", Image = "nginx" }],
        }, Ct);
        sandbox.Advance(10);

        await sandbox.RestartAsync();

        var again = await sandbox.DescribeTaskAsync(task.TaskArn!);
        Assert.Equal(("RUNNING", task.Attachments![0].Details!.Single(d => d.Name == "networkInterfaceId").Value),
            (again.LastStatus, again.Attachments![0].Details!.Single(d => d.Name == "networkInterfaceId").Value));
        Assert.Equal("512", (await sandbox.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "kept" }, Ct)).TaskDefinition!.Cpu);

        await sandbox.Server.ResetAsync(Ct);

        var tasks = await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo" }, Ct);
        Assert.DoesNotContain(task.TaskArn, tasks.TaskArns!);
        Assert.Single(tasks.TaskArns!);
        await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "kept" }, Ct));
    }

    [Fact]
    public async Task ThrottlingFaultsAreRetriedByTheCoreClientAndFailItOnceTheAttemptsRunOut()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.Faults =
        [
            new SandboxFaultRule { Service = "ecs", Operation = "ListClusters", ThrottleRate = 1, Limit = 2 },
            new SandboxFaultRule { Service = "logs", ErrorRate = 1 },
        ], maxAttempts: 3);

        var clusters = await sandbox.Ecs.ListClustersAsync(new ListClustersRequest(), Ct);
        Assert.Single(clusters.ClusterArns!);
        Assert.Equal(3, sandbox.Metrics.Count("ECS", "ListClusters"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Clients.Logs.DescribeLogGroupsAsync(new(), Ct));
        Assert.Equal(("ServiceUnavailableException", AwsErrorKind.Unavailable, HttpStatusCode.InternalServerError), (error.ErrorCode, error.Kind, error.StatusCode));
        Assert.Equal(3, sandbox.Metrics.Count("CloudWatch Logs", "DescribeLogGroups"));
    }

    [Fact]
    public async Task FaultsCanBeChangedAtRunTimeThroughTheAdminApi()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUrl };

        var put = await http.PutAsJsonAsync("_sandbox/faults", new[] { new { service = "ecs", operation = "DescribeClusters", throttleRate = 1.0 } }, Ct);
        put.EnsureSuccessStatusCode();
        var throttled = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = ["demo"] }, Ct));
        Assert.Equal(("ThrottlingException", "Rate exceeded", AwsErrorKind.Throttled), (throttled.ErrorCode, throttled.AwsMessage, throttled.Kind));
        Assert.Single((await sandbox.Ecs.ListClustersAsync(new ListClustersRequest(), Ct)).ClusterArns!);

        var bad = await http.PutAsJsonAsync("_sandbox/faults", new[] { new { throttleRate = 2.0 } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        (await http.DeleteAsync("_sandbox/faults", Ct)).EnsureSuccessStatusCode();
        Assert.Single((await sandbox.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = ["demo"] }, Ct)).Clusters!);
    }

    [Fact]
    public async Task Ec2ThrottlingIsRequestLimitExceeded()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.Faults = [new SandboxFaultRule { Service = "ec2", Operation = "DescribeVpcs", ThrottleRate = 1 }]);

        var error = await Assert.ThrowsAsync<EcsConsole.Core.Aws.AwsServiceException>(() => sandbox.Clients.Ec2.DescribeVpcsAsync(Ct));

        Assert.Equal("RequestLimitExceeded", error.ErrorCode);
        Assert.Equal(EcsConsole.Core.Aws.AwsErrorKind.Throttled, error.Kind);
    }

    [Fact]
    public async Task InjectedLatencyHoldsTheAnswerUntilTheClockHasMoved()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.Faults = [new SandboxFaultRule { Operation = "ListClusters", Latency = TimeSpan.FromSeconds(3) }]);

        var call = sandbox.Ecs.ListClustersAsync(new ListClustersRequest(), Ct);
        await Task.Delay(200, Ct);
        Assert.False(call.IsCompleted);
        sandbox.Advance(3);

        Assert.Single((await call).ClusterArns!);
    }

    [Fact]
    public async Task ARunningTasksPublicIpIsServedByTheFastApiStandInUntilTheTaskStops()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.ServeApps = true);
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(6);
        var eniId = (await sandbox.DescribeTaskAsync(task.TaskArn!)).Attachments![0].Details!.Single(d => d.Name == "networkInterfaceId").Value!;
        var ip = Assert.Single(await sandbox.Clients.Ec2.DescribeNetworkInterfacesAsync([eniId], Ct)).Association.PublicIp;

        var url = await sandbox.Server.GetAppUrlAsync(ip, 80, Ct);
        Assert.NotNull(url);
        Assert.Equal("127.0.0.1", url.Host);
        using var http = new HttpClient();
        Assert.Equal("{\"Hello\":\"World\"}", await http.GetStringAsync(url, Ct));
        Assert.Equal("{\"item_id\":5,\"q\":\"somequery\"}", await http.GetStringAsync(new Uri(url, "items/5?q=somequery"), Ct));
        Assert.Contains("FastAPI", await http.GetStringAsync(new Uri(url, "docs"), Ct), StringComparison.Ordinal);
        var redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }).GetAsync(new Uri(sandbox.Server.BaseUrl, $"_sandbox/apps/{ip}/80/items/3"), Ct);
        Assert.Equal(new Uri(url, "items/3"), redirect.Headers.Location);

        var logs = await sandbox.Clients.Logs.GetLogEventsAsync(new()
        {
            LogGroupName = "/ecs/fastapi-demo", LogStreamName = $"ecs/app/{task.TaskArn!.Split('/')[^1]}", StartFromHead = true,
        }, Ct);
        Assert.Contains(logs.Events!, e => e.Message!.Contains("\"GET /items/5?q=somequery HTTP/1.1\" 200 OK", StringComparison.Ordinal));

        await sandbox.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "demo", Task = task.TaskArn }, Ct);
        sandbox.Advance(1);
        Assert.Null(await sandbox.Server.GetAppUrlAsync(ip, 80, Ct));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(url, Ct));
    }

    [Fact]
    public async Task UnsignedAndBadlySignedRequestsGetAwssOwnErrors()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUrl };

        async Task<(HttpStatusCode Status, string Type)> SendAsync(string? authorization)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8) };
            request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
            request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
            request.Headers.Add("X-Amz-Date", "20260302T090000Z");
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await http.SendAsync(request, Ct);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            return (response.StatusCode, body.RootElement.GetProperty("__type").GetString()!);
        }

        Assert.Equal((HttpStatusCode.BadRequest, "MissingAuthenticationTokenException"), await SendAsync(null));
        Assert.Equal((HttpStatusCode.BadRequest, "IncompleteSignatureException"), await SendAsync("AWS4-HMAC-SHA256 Credential=AKID"));
    }

    [Fact]
    public async Task AnUnknownOperationIsAnsweredAsAwsDoes()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.CallAsync<ListClustersRequest, ListClustersResponse>(AwsService.Ecs, "DescribeCapacityProviders", new()));

        Assert.Equal("UnknownOperationException", error.ErrorCode);
    }
}
