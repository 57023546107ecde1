using Amazon.EC2;
using Amazon.EC2.Model;

namespace EcsConsole.Core.Aws.Ec2;

/// <summary>The EC2 calls the console makes, through AWSSDK.EC2, counted and failing like the JSON clients.</summary>
public sealed class Ec2Gateway(IAmazonEC2 ec2, AwsCallMetrics metrics) : IDisposable
{
    private const string Service = "EC2";

    /// <summary>ENI ids per DescribeNetworkInterfaces call (EC2 accepts up to 200 values in one filter).</summary>
    public const int DescribeNetworkInterfacesBatch = 200;

    public void Dispose() => ec2.Dispose();

    public Task<IReadOnlyList<Vpc>> DescribeVpcsAsync(CancellationToken ct)
        => AllPagesAsync("DescribeVpcs",
            (token, c) => ec2.DescribeVpcsAsync(new DescribeVpcsRequest { NextToken = token }, c),
            r => r.Vpcs, r => r.NextToken, ct);

    public Task<IReadOnlyList<Subnet>> DescribeSubnetsAsync(string? vpcId, CancellationToken ct)
        => AllPagesAsync("DescribeSubnets",
            (token, c) => ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { NextToken = token, Filters = VpcFilter(vpcId) }, c),
            r => r.Subnets, r => r.NextToken, ct);

    public Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(string? vpcId, CancellationToken ct)
        => AllPagesAsync("DescribeSecurityGroups",
            (token, c) => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { NextToken = token, Filters = VpcFilter(vpcId) }, c),
            r => r.SecurityGroups, r => r.NextToken, ct);

    public Task<IReadOnlyList<RouteTable>> DescribeRouteTablesAsync(string? vpcId, CancellationToken ct)
        => AllPagesAsync("DescribeRouteTables",
            (token, c) => ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { NextToken = token, Filters = VpcFilter(vpcId) }, c),
            r => r.RouteTables, r => r.NextToken, ct);

    /// <summary>
    /// Looks up many ENIs in as few calls as possible. ENIs that no longer exist (the task stopped) are
    /// left out of the result rather than failing the whole batch.
    /// </summary>
    public async Task<IReadOnlyList<NetworkInterface>> DescribeNetworkInterfacesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var all = new List<NetworkInterface>(ids.Count);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(DescribeNetworkInterfacesBatch))
        {
            // A filter instead of NetworkInterfaceIds: a missing id in the filter is skipped, while a
            // missing id in NetworkInterfaceIds fails the call with InvalidNetworkInterfaceID.NotFound.
            var response = await AwsSdkCalls.RunAsync(metrics, Service, "DescribeNetworkInterfaces",
                c => ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
                {
                    Filters = [new Filter("network-interface-id", [.. chunk])],
                }, c), ct).ConfigureAwait(false);
            all.AddRange(response.NetworkInterfaces ?? []);
        }

        return all;
    }

    private static List<Filter>? VpcFilter(string? vpcId) => vpcId is null ? null : [new Filter("vpc-id", [vpcId])];

    private async Task<IReadOnlyList<TItem>> AllPagesAsync<TResponse, TItem>(
        string operation,
        Func<string?, CancellationToken, Task<TResponse>> fetch,
        Func<TResponse, List<TItem>?> items,
        Func<TResponse, string?> nextToken,
        CancellationToken ct)
    {
        var all = new List<TItem>();
        await foreach (var item in AwsPaging.PagesAsync(
                           token => AwsSdkCalls.RunAsync(metrics, Service, operation, c => fetch(token, c), ct),
                           items, nextToken, ct).ConfigureAwait(false))
        {
            all.Add(item);
        }

        return all;
    }
}
