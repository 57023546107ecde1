using EcsConsole.Core.Registry;

namespace EcsConsole.Tests.Core.Registry;

public sealed class ImageUsageServiceTests : IDisposable
{
    private const string Uri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web";
    private const string Digest1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Digest2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private readonly FakeAwsAccount _aws = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _aws.Dispose();

    private static readonly EcrRepository Repository = new("web", "arn", Uri, "123456789012", null, TagMutability.Mutable, false, "AES256", null);

    private static readonly EcrImage[] Images =
    [
        new("web", Digest2, ["latest"], 10, null, null, ImageScanState.NotScanned, null, null, null),
        new("web", Digest1, ["v1"], 10, null, null, ImageScanState.NotScanned, null, null, null),
    ];

    private void FakeEcs()
    {
        _aws.On("ListTaskDefinitionFamilies", """{"families":["web","worker"]}""")
            .On("DescribeTaskDefinition", body => body["taskDefinition"]!.GetValue<string>() switch
            {
                "web" => $$$"""
                    {"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7","family":"web","revision":7,
                      "containerDefinitions":[{"name":"app","image":"{{{Uri}}}"},{"name":"proxy","image":"nginx:1.27"}]}}
                    """,
                _ => """
                    {"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/worker:2","family":"worker","revision":2,
                      "containerDefinitions":[{"name":"w","image":"999999999999.dkr.ecr.eu-west-1.amazonaws.com/web:latest"}]}}
                    """,
            })
            .On("ListClusters", body => body["nextToken"] is null
                ? """{"clusterArns":["arn:aws:ecs:eu-west-1:123456789012:cluster/main"],"nextToken":"c2"}"""
                : """{"clusterArns":["arn:aws:ecs:eu-west-1:123456789012:cluster/empty"]}""")
            .On("ListTasks", body => body["cluster"]!.GetValue<string>().EndsWith("/main", StringComparison.Ordinal)
                ? """{"taskArns":["arn:aws:ecs:eu-west-1:123456789012:task/main/0123456789abcdef"]}"""
                : """{"taskArns":[]}""")
            .On("DescribeTasks", $$"""
                {"tasks":[{"taskArn":"arn:aws:ecs:eu-west-1:123456789012:task/main/0123456789abcdef","clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/main",
                  "taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:6","lastStatus":"RUNNING",
                  "containers":[{"name":"app","image":"{{Uri}}:latest","imageDigest":"{{Digest1}}"}]}]}
                """);
    }

    [Fact]
    public async Task Finds_task_definitions_and_running_tasks_per_image()
    {
        FakeEcs();

        var usage = await _aws.Usage.GetUsageAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, Repository, Images, _ct);

        // web:7 names the repository without a tag: the image tagged latest.
        var latestUser = Assert.Single(usage.UsersOf(Images[0]));
        Assert.Equal((ImageUserKind.TaskDefinition, "web:7", "app"), (latestUser.Kind, latestUser.DisplayName, latestUser.ContainerName));
        // The running task pulled latest when it was v1's digest: it still runs v1.
        var runningUser = Assert.Single(usage.UsersOf(Images[1]));
        Assert.Equal((ImageUserKind.RunningTask, "web:6 (01234567)"), (runningUser.Kind, runningUser.DisplayName));
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:cluster/main", runningUser.Cluster);
        Assert.Equal("RUNNING", _aws.Calls.Single(c => c.Operation == "ListTasks" && c.Body["cluster"]!.GetValue<string>().EndsWith("/main", StringComparison.Ordinal)).Body["desiredStatus"]!.GetValue<string>());
        Assert.Equal("ACTIVE", _aws.Calls.First(c => c.Operation == "ListTaskDefinitionFamilies").Body["status"]!.GetValue<string>());
        Assert.DoesNotContain(_aws.Calls, c => c.Operation == "DescribeTasks" && c.Body["cluster"]!.GetValue<string>().EndsWith("/empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Task_definition_families_are_described_once_a_minute_at_most()
    {
        FakeEcs();

        await _aws.Usage.GetUsesAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, _ct);
        await _aws.Usage.GetUsesAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, _ct);
        Assert.Equal(2, _aws.Operations.Count(o => o == "DescribeTaskDefinition"));
        // Running tasks change by the second: they are read every time.
        Assert.Equal(2, _aws.Operations.Count(o => o == "DescribeTasks"));

        _aws.Time.Advance(ImageUsageService.FamilyCacheTime);
        await _aws.Usage.GetUsesAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, _ct);
        Assert.Equal(4, _aws.Operations.Count(o => o == "DescribeTaskDefinition"));
    }
}
