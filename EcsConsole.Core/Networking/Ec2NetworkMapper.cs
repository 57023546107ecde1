using Amazon.EC2.Model;

namespace EcsConsole.Core.Networking;

/// <summary>The one mapping from EC2's SDK shapes to the networking records.</summary>
public static class Ec2NetworkMapper
{
    public static VpcSummary ToSummary(Vpc vpc)
        => new(vpc.VpcId ?? "", NameTag(vpc.Tags), vpc.CidrBlock ?? "", vpc.IsDefault == true);

    /// <summary>
    /// A subnet is public when its route table (its own, else the VPC's main one) sends 0.0.0.0/0 to an
    /// internet gateway. Without route tables to judge by, "assigns public IPs on launch" is the hint.
    /// </summary>
    public static SubnetSummary ToSummary(Subnet subnet, IReadOnlyList<RouteTable>? routeTables)
    {
        var id = subnet.SubnetId ?? "";
        var vpcId = subnet.VpcId ?? "";
        bool isPublic;
        string reason;
        var table = routeTables is null ? null : RouteTableOf(id, vpcId, routeTables);
        if (table is not null)
        {
            var igw = (table.Routes ?? []).FirstOrDefault(r => r.DestinationCidrBlock == "0.0.0.0/0"
                && r.GatewayId?.StartsWith("igw-", StringComparison.Ordinal) == true);
            var nat = (table.Routes ?? []).Any(r => r.DestinationCidrBlock == "0.0.0.0/0" && !string.IsNullOrEmpty(r.NatGatewayId));
            isPublic = igw is not null;
            reason = isPublic ? $"routes to the internet gateway {igw!.GatewayId}"
                : nat ? "private: reaches the internet through a NAT gateway"
                : "private: no route to an internet gateway";
        }
        else
        {
            isPublic = subnet.MapPublicIpOnLaunch == true;
            reason = isPublic ? "assigns public IPs on launch" : "does not assign public IPs on launch";
        }

        return new SubnetSummary(id, vpcId, NameTag(subnet.Tags), subnet.AvailabilityZone ?? "", subnet.CidrBlock ?? "",
            subnet.AvailableIpAddressCount ?? 0, isPublic, reason);
    }

    public static SecurityGroupSummary ToSummary(SecurityGroup group)
        => new(group.GroupId ?? "", group.GroupName ?? group.GroupId ?? "", group.VpcId ?? "", group.Description ?? "",
            [.. (group.IpPermissions ?? []).Select(ToRule)]);

    private static InboundRule ToRule(IpPermission p)
    {
        List<string> sources =
        [
            .. (p.Ipv4Ranges ?? []).Select(r => r.CidrIp).OfType<string>(),
            .. (p.Ipv6Ranges ?? []).Select(r => r.CidrIpv6).OfType<string>(),
            .. (p.UserIdGroupPairs ?? []).Select(g => g.GroupId).OfType<string>(),
            .. (p.PrefixListIds ?? []).Select(l => l.Id).OfType<string>(),
        ];
        // EC2 reports "all ports" of TCP/UDP as 0-65535 and of "-1" without ports.
        return new InboundRule(p.IpProtocol ?? "-1", p.FromPort, p.ToPort, sources);
    }

    private static RouteTable? RouteTableOf(string subnetId, string vpcId, IReadOnlyList<RouteTable> tables)
        => tables.FirstOrDefault(t => (t.Associations ?? []).Any(a => a.SubnetId == subnetId))
           ?? tables.FirstOrDefault(t => t.VpcId == vpcId && (t.Associations ?? []).Any(a => a.Main == true));

    private static string? NameTag(List<Amazon.EC2.Model.Tag>? tags)
        => tags?.FirstOrDefault(t => t.Key == "Name")?.Value is { Length: > 0 } name ? name : null;
}
