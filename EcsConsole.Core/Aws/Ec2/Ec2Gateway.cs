using Amazon.EC2;
using Amazon.EC2.Model;

namespace EcsConsole.Core.Aws.Ec2;

/// <summary>The EC2 calls the console makes, through AWSSDK.EC2, counted like the JSON clients.</summary>
public sealed class Ec2Gateway(IAmazonEC2 ec2, AwsCallMetrics metrics) : IDisposable
{
    public void Dispose() => ec2.Dispose();

    public const int DescribeNetworkInterfacesBatch = 200;

    public async Task<IReadOnlyList<Vpc>> DescribeVpcsAsync(CancellationToken ct)
    {
        var all = new List<Vpc>();
        string? token = null;
        do
        {
            metrics.Record("EC2", "DescribeVpcs");
            var page = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { NextToken = token }, ct).ConfigureAwait(false);
            all.AddRange(page.Vpcs ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return all;
    }

    public async Task<IReadOnlyList<Subnet>> DescribeSubnetsAsync(string? vpcId, CancellationToken ct)
    {
        var all = new List<Subnet>();
        string? token = null;
        do
        {
            metrics.Record("EC2", "DescribeSubnets");
            var request = new DescribeSubnetsRequest { NextToken = token };
            if (vpcId is not null) request.Filters = [new Filter("vpc-id", [vpcId])];
            var page = await ec2.DescribeSubnetsAsync(request, ct).ConfigureAwait(false);
            all.AddRange(page.Subnets ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return all;
    }

    public async Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(string? vpcId, CancellationToken ct)
    {
        var all = new List<SecurityGroup>();
        string? token = null;
        do
        {
            metrics.Record("EC2", "DescribeSecurityGroups");
            var request = new DescribeSecurityGroupsRequest { NextToken = token };
            if (vpcId is not null) request.Filters = [new Filter("vpc-id", [vpcId])];
            var page = await ec2.DescribeSecurityGroupsAsync(request, ct).ConfigureAwait(false);
            all.AddRange(page.SecurityGroups ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return all;
    }

    /// <summary>
    /// Looks up many ENIs in as few calls as possible. ENIs that no longer exist (the task stopped) are
    /// left out of the result rather than failing the whole batch.
    /// </summary>
    public async Task<IReadOnlyList<NetworkInterface>> DescribeNetworkInterfacesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var all = new List<NetworkInterface>(ids.Count);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(DescribeNetworkInterfacesBatch))
        {
            metrics.Record("EC2", "DescribeNetworkInterfaces");
            // A filter instead of NetworkInterfaceIds: a missing id in the filter is skipped, while a
            // missing id in NetworkInterfaceIds fails the call with InvalidNetworkInterfaceID.NotFound.
            var response = await ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
            {
                Filters = [new Filter("network-interface-id", [.. chunk])],
            }, ct).ConfigureAwait(false);
            all.AddRange(response.NetworkInterfaces ?? []);
        }

        return all;
    }
}
