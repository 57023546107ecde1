using System.Net;
using EcsConsole.Core.Aws;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Core.Aws;

/// <summary>EC2 and STS through AWSSDK, over the same HTTP pipeline as the JSON clients (query protocol, XML answers).</summary>
public sealed class Ec2AndStsGatewayTests
{
    [Fact]
    public async Task DescribeVpcsPagesThroughAndReadsTheVpcs()
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ => RecordingHttpHandler.Xml(Ec2Xml.VpcsPage("page-2", "vpc-0a", "vpc-0b")))
            .Enqueue(_ => RecordingHttpHandler.Xml(Ec2Xml.VpcsPage(null, "vpc-0c")));

        var vpcs = await aws.Factory.For("test").Ec2.DescribeVpcsAsync(CancellationToken.None);

        Assert.Equal(["vpc-0a", "vpc-0b", "vpc-0c"], vpcs.Select(v => v.VpcId));
        Assert.True(vpcs[0].IsDefault);
        Assert.Equal("net-0", vpcs[0].Tags.Single(t => t.Key == "Name").Value);
        var requests = aws.Http.Requests;
        Assert.Equal("https://ec2.eu-west-1.amazonaws.com/", requests[0].Uri.ToString());
        Assert.Equal(("DescribeVpcs", "2016-11-15", null, "page-2"), (requests[0].Form("Action"), requests[0].Form("Version"), requests[0].Form("NextToken"), requests[1].Form("NextToken")));
        Assert.Equal(2, aws.Metrics.Count("EC2", "DescribeVpcs"));
    }

    [Fact]
    public async Task DescribeSubnetsFiltersByVpc()
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ => RecordingHttpHandler.Xml(Ec2Xml.Subnets("vpc-0a", "subnet-0a1", "subnet-0a2")));

        var subnets = await aws.Factory.For("test").Ec2.DescribeSubnetsAsync("vpc-0a", CancellationToken.None);

        Assert.Equal(["subnet-0a1", "subnet-0a2"], subnets.Select(s => s.SubnetId));
        Assert.Equal(("eu-west-1a", 250, true), (subnets[0].AvailabilityZone, subnets[0].AvailableIpAddressCount, subnets[0].MapPublicIpOnLaunch));
        var request = Assert.Single(aws.Http.Requests);
        Assert.Equal(("vpc-id", "vpc-0a"), (request.Form("Filter.1.Name"), request.Form("Filter.1.Value.1")));
    }

    [Fact]
    public async Task DescribeSecurityGroupsReadsTheRules()
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ => RecordingHttpHandler.Xml(Ec2Xml.SecurityGroups("vpc-0a", "sg-0b2")));

        var groups = await aws.Factory.For("test").Ec2.DescribeSecurityGroupsAsync(null, CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal(("sg-0b2", "web-sg-0b2", "vpc-0a"), (group.GroupId, group.GroupName, group.VpcId));
        var rule = Assert.Single(group.IpPermissions);
        Assert.Equal(("tcp", 80, "0.0.0.0/0"), (rule.IpProtocol, rule.FromPort, rule.Ipv4Ranges.Single().CidrIp));
        Assert.Null(Assert.Single(aws.Http.Requests).Form("Filter.1.Name"));
    }

    [Fact]
    public async Task DescribeNetworkInterfacesReadsThePublicIp()
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ => RecordingHttpHandler.Xml(Ec2Xml.NetworkInterfaces([("eni-1", "54.216.10.1"), ("eni-2", null)])));

        var enis = await aws.Factory.For("test").Ec2.DescribeNetworkInterfacesAsync(["eni-1", "eni-2", "eni-1"], CancellationToken.None);

        Assert.Equal(["54.216.10.1", null], enis.Select(e => e.Association?.PublicIp));
        var request = Assert.Single(aws.Http.Requests);
        Assert.Equal("network-interface-id", request.Form("Filter.1.Name"));
        Assert.Equal(["eni-1", "eni-2"], request.FormValues("Filter.1.Value."));
    }

    [Fact]
    public async Task GetCallerIdentityNamesTheAccountAndCaller()
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ => RecordingHttpHandler.Xml(Ec2Xml.CallerIdentity));

        var identity = await aws.Factory.For("test").Sts.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal(("123456789012", "arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com"), (identity.Account, identity.Arn));
        var request = Assert.Single(aws.Http.Requests);
        Assert.Equal(("GetCallerIdentity", "2011-06-15"), (request.Form("Action"), request.Form("Version")));
        Assert.StartsWith("https://sts.", request.Uri.ToString());
        Assert.Contains("/eu-west-1/sts/aws4_request", request.Header("Authorization"));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "UnauthorizedOperation", AwsErrorKind.AccessDenied)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidVpcID.NotFound", AwsErrorKind.NotFound)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameterValue", AwsErrorKind.InvalidInput)]
    public async Task Ec2ErrorsBecomeTheSameErrorsAsEverywhereElse(HttpStatusCode status, string code, AwsErrorKind kind)
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ => RecordingHttpHandler.Xml(Ec2Xml.Error(code, "You are not allowed."), status));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Factory.For("test").Ec2.DescribeSubnetsAsync("vpc-0a", CancellationToken.None));

        Assert.Equal(("EC2", "DescribeSubnets", code, kind), (error.Service, error.Operation, error.ErrorCode, error.Kind));
        Assert.Equal("You are not allowed.", error.AwsMessage);
        Assert.Single(aws.Http.Requests);
    }

    [Fact]
    public async Task StsUnreachableIsANetworkError()
    {
        using var aws = new AwsTestHarness(o => o.MaxAttempts = 1);
        aws.Http.EnqueueException(new HttpRequestException("Name or service not known (sts.eu-west-1.amazonaws.com:443)"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Factory.For("test").Sts.GetCallerIdentityAsync(CancellationToken.None));

        Assert.Equal(AwsErrorKind.Network, error.Kind);
    }

    [Fact]
    public async Task CancellingAnEc2CallIsACancellation()
    {
        using var aws = new AwsTestHarness();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => aws.Factory.For("test").Ec2.DescribeVpcsAsync(cts.Token));
    }
}
