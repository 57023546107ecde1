using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Aws;

/// <summary>Where requests go (region, partition, endpoint override) and which keys sign them.</summary>
public sealed class ConnectionTests
{
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "ECS", "us-east-1", "https://ecs.us-east-1.amazonaws.com/" },
        { "ECS", "eu-central-1", "https://ecs.eu-central-1.amazonaws.com/" },
        { "ECR", "ap-southeast-2", "https://api.ecr.ap-southeast-2.amazonaws.com/" },
        { "CloudWatch Logs", "us-west-2", "https://logs.us-west-2.amazonaws.com/" },
        { "ECS", "cn-north-1", "https://ecs.cn-north-1.amazonaws.com.cn/" },
        { "ECR", "cn-northwest-1", "https://api.ecr.cn-northwest-1.amazonaws.com.cn/" },
        { "CloudWatch Logs", "cn-north-1", "https://logs.cn-north-1.amazonaws.com.cn/" },
    };

    private static async Task CallAsync(AwsTestHarness aws, string service)
    {
        switch (service)
        {
            case "ECS": await aws.Ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None); break;
            case "ECR": await aws.Ecr.DescribeRepositoriesAsync(new(), CancellationToken.None); break;
            default: await aws.Logs.DescribeLogGroupsAsync(new(), CancellationToken.None); break;
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachServiceIsCalledAtItsRegionalEndpointAndSignedForThatRegion(string service, string region, string url)
    {
        using var aws = new AwsTestHarness(o => o.Connections[0].Region = region);

        await CallAsync(aws, service);

        var request = Assert.Single(aws.Http.Requests);
        Assert.Equal(url, request.Uri.ToString());
        var signingName = service switch { "ECS" => "ecs", "ECR" => "ecr", _ => "logs" };
        Assert.Contains($"/20260314/{region}/{signingName}/aws4_request", request.Header("Authorization"));
    }

    [Fact]
    public async Task AnEndpointOverrideIsUsedForEveryServiceIncludingEc2AndSts()
    {
        using var aws = new AwsTestHarness(o => o.Connections[0].EndpointUrl = "http://127.0.0.1:4566");
        aws.Http.Fallback = (request, _) => Task.FromResult(request.Operation switch
        {
            "DescribeVpcs" => RecordingHttpHandler.Xml(Ec2Xml.Vpcs("vpc-1")),
            "GetCallerIdentity" => RecordingHttpHandler.Xml(Ec2Xml.CallerIdentity),
            _ => RecordingHttpHandler.Json("{}"),
        });
        var clients = aws.Factory.For("test");

        foreach (var service in new[] { "ECS", "ECR", "Logs" }) await CallAsync(aws, service);
        await clients.Ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None);
        await clients.Ec2.DescribeVpcsAsync(CancellationToken.None);
        await clients.Sts.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal(6, aws.Http.Requests.Count);
        Assert.All(aws.Http.Requests, r => Assert.Equal("http://127.0.0.1:4566/", r.Uri.GetLeftPart(UriPartial.Path)));
        Assert.All(aws.Http.Requests, r => Assert.Contains("/eu-west-1/", r.Header("Authorization")));
    }

    [Fact]
    public async Task TheSandboxConnectionSignsWithTheSandboxKeys()
    {
        var sandbox = new AwsConnection(new ConnectionOptions { Name = "sandbox", IsSandbox = true, EndpointUrl = "http://127.0.0.1:4566/" });

        var credentials = await sandbox.GetCredentialsAsync(CancellationToken.None);

        Assert.Equal((AwsConnection.SandboxAccessKey, AwsConnection.SandboxSecretKey, false), (credentials.AccessKey, credentials.SecretKey, credentials.UseToken));
        Assert.Equal("us-east-1", sandbox.DefaultRegion);
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), sandbox.EndpointFor(AwsService.Ecr, "eu-west-1"));
    }

    [Fact]
    public void ConfiguredConnectionsKeepTheirOrderAndTheChosenDefault()
    {
        var registry = new ConnectionRegistry(Options.Create(new AwsOptions
        {
            DefaultConnection = "staging",
            Connections =
            [
                new ConnectionOptions { Name = "prod", Profile = "prod", Region = "eu-west-1" },
                new ConnectionOptions { Name = "staging", DisplayName = "Staging (LocalStack)", Region = "us-east-1", EndpointUrl = "http://localhost:4566" },
            ],
        }));

        Assert.Equal(["prod", "staging"], registry.All.Select(c => c.Name));
        Assert.Equal(("staging", "Staging (LocalStack)"), (registry.Default.Name, registry.Default.DisplayName));
        Assert.Equal(("prod", "eu-west-1"), (registry.Get("PROD").DisplayName, registry.Get("prod").DefaultRegion));
        Assert.Equal("There is no connection named 'qa'.", Assert.Throws<KeyNotFoundException>(() => registry.Get("qa")).Message);
    }

    [Fact]
    public void WithNothingConfiguredTheDefaultCredentialChainIsTheConnection()
    {
        var registry = new ConnectionRegistry(Options.Create(new AwsOptions()));

        var only = Assert.Single(registry.All);
        Assert.Equal((ConnectionRegistry.DefaultConnectionName, false, null), (only.Name, only.IsSandbox, only.EndpointOverride));
        Assert.Same(only, registry.Default);
    }

    [Fact]
    public void TwoConnectionsWithOneNameAreRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConnectionRegistry(Options.Create(new AwsOptions
        {
            Connections = [new ConnectionOptions { Name = "prod", Region = "eu-west-1" }, new ConnectionOptions { Name = "Prod", Region = "us-east-1" }],
        })));
        Assert.Equal("Two connections are named 'Prod'.", error.Message);
    }
}
