using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Core.Networking;

/// <summary>Public IPs of many Fargate tasks come from one DescribeNetworkInterfaces call per batch, not one per task.</summary>
public sealed class PublicIpResolverTests
{
    private static EcsTaskSummary Task(int i, bool withEni = true)
    {
        var attachments = withEni
            ? $$"""[{"type":"ElasticNetworkInterface","status":"ATTACHED","details":[{"name":"networkInterfaceId","value":"eni-{{i:D5}}"},{"name":"privateIPv4Address","value":"10.0.{{i / 250}}.{{i % 250}}"}]}]"""
            : "[]";
        var json = $$"""{"taskArn":"arn:aws:ecs:eu-west-1:123456789012:task/default/t{{i:D5}}","lastStatus":"RUNNING","attachments":{{attachments}}}""";
        return EcsTaskMapper.ToSummary(JsonSerializer.Deserialize<EcsTask>(json, AwsJson.Options)!);
    }

    private static void AnswerWithPublicIps(AwsTestHarness aws, Func<string, string?> publicIpOf)
        => aws.Http.Fallback = (request, _) => System.Threading.Tasks.Task.FromResult(RecordingHttpHandler.Xml(
            Ec2Xml.NetworkInterfaces(request.FormValues("Filter.1.Value.").Select(id => (id, publicIpOf(id))))));

    [Fact]
    public async Task ManyTasksAreResolvedInOneCall()
    {
        using var aws = new AwsTestHarness();
        // Every third ENI is private-only; ENI 7 is already gone (the task deprovisioned) and not returned.
        aws.Http.Fallback = (request, _) => System.Threading.Tasks.Task.FromResult(RecordingHttpHandler.Xml(Ec2Xml.NetworkInterfaces(
            request.FormValues("Filter.1.Value.").Where(id => id != "eni-00007")
                .Select(id => (id, int.Parse(id[4..]) % 3 == 0 ? null : $"54.0.0.{int.Parse(id[4..])}")))));
        var tasks = Enumerable.Range(1, 150).Select(i => Task(i, withEni: i != 150)).ToList();

        var ips = await new PublicIpResolver(aws.Factory).ResolveAsync("test", AwsTestHarness.Region, tasks, CancellationToken.None);

        var request = Assert.Single(aws.Http.Requests);
        Assert.Equal("DescribeNetworkInterfaces", request.Form("Action"));
        Assert.Equal(149, request.FormValues("Filter.1.Value.").Count);
        Assert.Equal("54.0.0.1", ips[tasks[0].Arn]);
        Assert.False(ips.ContainsKey(tasks[2].Arn));
        Assert.False(ips.ContainsKey(tasks[6].Arn));
        Assert.False(ips.ContainsKey(tasks[149].Arn));
        Assert.Equal(Enumerable.Range(1, 149).Count(i => i % 3 != 0 && i != 7), ips.Count);
    }

    [Fact]
    public async Task MoreEnisThanOneCallTakesAreSplitIntoBatchesOf200()
    {
        using var aws = new AwsTestHarness();
        AnswerWithPublicIps(aws, id => $"3.0.{int.Parse(id[4..]) / 250}.{int.Parse(id[4..]) % 250}");
        var tasks = Enumerable.Range(1, 450).Select(i => Task(i)).ToList();

        var ips = await new PublicIpResolver(aws.Factory).ResolveAsync("test", AwsTestHarness.Region, tasks, CancellationToken.None);

        Assert.Equal([200, 200, 50], aws.Http.Requests.Select(r => r.FormValues("Filter.1.Value.").Count));
        Assert.Equal(450, ips.Count);
    }

    [Fact]
    public async Task TasksWithoutNetworkInterfacesMakeNoCall()
    {
        using var aws = new AwsTestHarness();

        var ips = await new PublicIpResolver(aws.Factory).ResolveAsync("test", AwsTestHarness.Region, [Task(1, withEni: false)], CancellationToken.None);

        Assert.Empty(ips);
        Assert.Empty(aws.Http.Requests);
    }
}
