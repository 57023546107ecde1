using EcsConsole.Core.Aws;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.Networking;

/// <summary>Reads the VPCs, subnets and security groups a task or service can be placed in.</summary>
public sealed class NetworkCatalog(AwsClientFactory clients, ILogger<NetworkCatalog> logger)
{
    public async Task<NetworkChoices> GetChoicesAsync(string connection, string region, CancellationToken ct)
    {
        var ec2 = clients.For(connection, region).Ec2;
        var vpcs = ec2.DescribeVpcsAsync(ct);
        var subnets = ec2.DescribeSubnetsAsync(null, ct);
        var groups = ec2.DescribeSecurityGroupsAsync(null, ct);
        var routes = TryRouteTablesAsync(ec2, ct);
        await Task.WhenAll(vpcs, subnets, groups, routes).ConfigureAwait(false);
        var routeTables = await routes.ConfigureAwait(false);
        return new NetworkChoices(
            [.. (await vpcs.ConfigureAwait(false)).Select(Ec2NetworkMapper.ToSummary).OrderByDescending(v => v.IsDefault).ThenBy(v => v.Id, StringComparer.Ordinal)],
            [.. (await subnets.ConfigureAwait(false)).Select(s => Ec2NetworkMapper.ToSummary(s, routeTables))],
            [.. (await groups.ConfigureAwait(false)).Select(Ec2NetworkMapper.ToSummary)]);
    }

    // Route tables only sharpen the "public" marker; a role without ec2:DescribeRouteTables (or an
    // emulator without it) still gets the form, judged by MapPublicIpOnLaunch instead.
    private async Task<IReadOnlyList<Amazon.EC2.Model.RouteTable>?> TryRouteTablesAsync(Aws.Ec2.Ec2Gateway ec2, CancellationToken ct)
    {
        try
        {
            return await ec2.DescribeRouteTablesAsync(null, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.Kind is not AwsErrorKind.Network and not AwsErrorKind.Timeout)
        {
            logger.LogInformation("Route tables unavailable ({Code}); judging public subnets by MapPublicIpOnLaunch", ex.ErrorCode);
            return null;
        }
    }
}
