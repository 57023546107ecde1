using System.Text.Json.Nodes;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Core.Aws;

/// <summary>Lists page through nextToken to the end (and never forever); describes obey ECS batch limits.</summary>
public sealed class PagingAndBatchingTests
{
    private static string Arn(string kind, int i) => $"arn:aws:ecs:eu-west-1:123456789012:{kind}/default/{i:D4}";

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    [Fact]
    public async Task ListAllClustersFollowsNextTokenAcrossPages()
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueJson($$"""{"clusterArns":["{{Arn("cluster", 1)}}","{{Arn("cluster", 2)}}"],"nextToken":"p2"}""")
            .EnqueueJson($$"""{"clusterArns":["{{Arn("cluster", 3)}}"],"nextToken":"p3"}""")
            .EnqueueJson($$"""{"clusterArns":["{{Arn("cluster", 4)}}"]}""");

        var all = await ToListAsync(aws.Ecs.ListAllClustersAsync(CancellationToken.None));

        Assert.Equal([1, 2, 3, 4], all.Select(a => int.Parse(a[^4..])));
        Assert.Equal([null, "p2", "p3"], aws.Http.Requests.Select(r => r.Json!["nextToken"]?.GetValue<string>()));
        Assert.All(aws.Http.Requests, r => Assert.Equal(100, r.Json!["maxResults"]!.GetValue<int>()));
    }

    public static TheoryData<string[], int> RepeatingTokens => new()
    {
        { ["A", "A"], 2 },
        { ["A", "B", "A"], 3 },
        { ["A", "B", "B"], 3 },
    };

    [Theory]
    [MemberData(nameof(RepeatingTokens))]
    public async Task AServiceRepeatingATokenDoesNotLoopForever(string[] tokens, int expectedCalls)
    {
        using var aws = new AwsTestHarness();
        var i = 0;
        aws.Http.Fallback = (_, _) =>
        {
            var token = tokens[Math.Min(i, tokens.Length - 1)];
            i++;
            return Task.FromResult(RecordingHttpHandler.Json($$"""{"serviceArns":["{{Arn("service", i)}}"],"nextToken":"{{token}}"}"""));
        };

        var all = await ToListAsync(aws.Ecs.ListAllServicesAsync("default", CancellationToken.None));

        Assert.Equal(expectedCalls, aws.Http.Requests.Count);
        Assert.Equal(expectedCalls, all.Count);
    }

    [Fact]
    public async Task PagingStopsWhenTheCallerCancels()
    {
        using var aws = new AwsTestHarness();
        aws.Http.Fallback = (_, _) => Task.FromResult(RecordingHttpHandler.Json($$"""{"taskArns":["{{Arn("task", 1)}}"],"nextToken":"{{Guid.NewGuid()}}"}"""));
        using var cts = new CancellationTokenSource();

        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in aws.Ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = "default" }, cts.Token))
            {
                if (++seen == 3) await cts.CancelAsync();
            }
        });

        Assert.Equal(3, aws.Http.Requests.Count);
    }

    /// <summary>Answers a Describe* call with one item per name it asked for, as ECS does.</summary>
    private static void EchoDescribe(AwsTestHarness aws, string requestMember, string responseMember, string arnMember)
        => aws.Http.Fallback = (request, _) =>
        {
            var items = new JsonArray([.. request.Json![requestMember]!.AsArray().Select(n => (JsonNode)new JsonObject { [arnMember] = n!.GetValue<string>() })]);
            return Task.FromResult(RecordingHttpHandler.Json(new JsonObject { [responseMember] = items, ["failures"] = new JsonArray() }.ToJsonString()));
        };

    private static List<int> BatchSizes(AwsTestHarness aws, string member)
        => [.. aws.Http.Requests.Select(r => r.Json![member]!.AsArray().Count)];

    [Fact]
    public async Task DescribeTasksOf250TasksIsExactlyThreeCallsOf100_100_50()
    {
        using var aws = new AwsTestHarness();
        EchoDescribe(aws, "tasks", "tasks", "taskArn");
        var arns = Enumerable.Range(1, 250).Select(i => Arn("task", i)).ToList();

        var tasks = await aws.Ecs.DescribeTasksBatchedAsync("default", arns, CancellationToken.None);

        Assert.Equal([100, 100, 50], BatchSizes(aws, "tasks"));
        Assert.Equal(arns, tasks.Select(t => t.TaskArn!));
        Assert.All(aws.Http.Requests, r => Assert.Equal("default", r.Json!["cluster"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DescribeServicesGoesInBatchesOf10()
    {
        using var aws = new AwsTestHarness();
        EchoDescribe(aws, "services", "services", "serviceArn");
        var arns = Enumerable.Range(1, 25).Select(i => Arn("service", i)).ToList();

        var services = await aws.Ecs.DescribeServicesBatchedAsync("default", arns, CancellationToken.None);

        Assert.Equal([10, 10, 5], BatchSizes(aws, "services"));
        Assert.Equal(arns, services.Select(s => s.ServiceArn!));
    }

    [Fact]
    public async Task DescribeClustersGoesInBatchesOf100WithStatistics()
    {
        using var aws = new AwsTestHarness();
        EchoDescribe(aws, "clusters", "clusters", "clusterArn");
        var arns = Enumerable.Range(1, 150).Select(i => Arn("cluster", i)).ToList();

        var clusters = await aws.Ecs.DescribeClustersBatchedAsync(arns, CancellationToken.None);

        Assert.Equal([100, 50], BatchSizes(aws, "clusters"));
        Assert.Equal(150, clusters.Count);
        Assert.All(aws.Http.Requests, r => Assert.Contains("STATISTICS", r.Json!["include"]!.AsArray().Select(n => n!.GetValue<string>())));
    }

    [Fact]
    public async Task NothingToDescribeMakesNoCall()
    {
        using var aws = new AwsTestHarness();

        Assert.Empty(await aws.Ecs.DescribeTasksBatchedAsync("default", [], CancellationToken.None));
        Assert.Empty(aws.Http.Requests);
    }

    [Fact]
    public async Task LogGroupsAndRepositoriesPageToo()
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueJson("""{"logGroups":[{"logGroupName":"/ecs/a"}],"nextToken":"n"}""").EnqueueJson("""{"logGroups":[{"logGroupName":"/ecs/b"}]}""")
            .EnqueueJson("""{"repositories":[{"repositoryName":"a"}],"nextToken":"n"}""").EnqueueJson("""{"repositories":[{"repositoryName":"b"}]}""");

        var groups = await ToListAsync(aws.Logs.DescribeAllLogGroupsAsync("/ecs/", CancellationToken.None));
        var repositories = await ToListAsync(aws.Ecr.DescribeAllRepositoriesAsync(CancellationToken.None));

        Assert.Equal(["/ecs/a", "/ecs/b"], groups.Select(g => g.LogGroupName!));
        Assert.Equal(["a", "b"], repositories.Select(r => r.RepositoryName!));
        Assert.Equal(["Logs_20140328.DescribeLogGroups", "Logs_20140328.DescribeLogGroups",
            "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"],
            aws.Http.Requests.Select(r => r.Target!));
    }
}
