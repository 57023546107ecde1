using System.Globalization;
using System.Xml.Linq;
using EcsConsole.Sandbox.Ecs;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ec2;

/// <summary>The EC2 describe calls the console makes (EC2 query protocol, XML answers).</summary>
internal sealed class Ec2Api(SandboxAccount account)
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public XElement Invoke(string action, QueryRequest query, string region, string requestId) => action switch
    {
        "DescribeVpcs" => account.Execute(region, false, ctx => DescribeVpcs(ctx, query, requestId)),
        "DescribeSubnets" => account.Execute(region, false, ctx => DescribeSubnets(ctx, query, requestId)),
        "DescribeSecurityGroups" => account.Execute(region, false, ctx => DescribeSecurityGroups(ctx, query, requestId)),
        "DescribeNetworkInterfaces" => account.Execute(region, false, ctx => DescribeNetworkInterfaces(ctx, query, requestId)),
        _ => throw new SandboxApiException("InvalidAction", $"The action {action} is not valid for this web service."),
    };

    private static XElement E(string name, params object?[] content) => new(Ns + name, content);

    private static string B(bool value) => value ? "true" : "false";

    private static XElement Items(string name, IEnumerable<XElement> items) => E(name, items.Select(i => E("item", i.Elements())));

    private static XElement Response(string action, string requestId, params object?[] content)
        => E(action + "Response", E("requestId", requestId), content);

    private static List<T> Select<T>(
        QueryRequest query, IEnumerable<T> all, string idParameter, Func<T, string> id, string notFoundCode, string notFoundNoun,
        Dictionary<string, Func<T, IEnumerable<string>>> filters, out string? nextToken, string scope)
    {
        var items = all.ToList();
        var ids = query.List(idParameter);
        foreach (var wanted in ids)
        {
            if (items.All(i => id(i) != wanted))
            {
                throw new SandboxApiException(notFoundCode, $"The {notFoundNoun} '{wanted}' does not exist");
            }
        }

        if (ids.Count > 0) items = [.. items.Where(i => ids.Contains(id(i)))];
        foreach (var (name, values) in query.Filters())
        {
            if (!filters.TryGetValue(name, out var field))
            {
                throw new SandboxApiException("InvalidParameterValue", $"The filter '{name}' is invalid");
            }

            items = [.. items.Where(i => field(i).Any(v => values.Any(pattern => Matches(pattern, v))))];
        }

        var max = query.Int("MaxResults");
        if (max is not null && ids.Count > 0)
        {
            throw new SandboxApiException("InvalidParameterCombination", $"The parameter {idParameter} cannot be used with the parameter MaxResults");
        }

        if (max is { } m && (m < 5 || m > 1000))
        {
            throw new SandboxApiException("InvalidParameterValue", $"Value ( {m} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }

        return Paging.Page(items, query["NextToken"], max ?? 1000, scope, out nextToken, "InvalidNextToken");
    }

    /// <summary>EC2 filter values allow * and ? wildcards.</summary>
    private static bool Matches(string pattern, string value)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal)) return pattern == value;
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(value, regex);
    }

    private XElement DescribeVpcs(RegionContext ctx, QueryRequest query, string requestId)
    {
        var owner = account.Options.AccountId;
        var page = Select(query, ctx.Region.Vpcs, "VpcId", v => v.VpcId, "InvalidVpcID.NotFound", "vpc ID",
            new()
            {
                ["vpc-id"] = v => [v.VpcId],
                ["is-default"] = v => [B(v.IsDefault)],
                ["isDefault"] = v => [B(v.IsDefault)],
                ["cidr"] = v => [v.CidrBlock],
                ["cidr-block"] = v => [v.CidrBlock],
                ["state"] = _ => ["available"],
                ["owner-id"] = _ => [owner],
            }, out var next, "vpcs");
        return Response("DescribeVpcs", requestId,
            Items("vpcSet", page.Select(v => E("item",
                E("vpcId", v.VpcId),
                E("ownerId", owner),
                E("state", "available"),
                E("cidrBlock", v.CidrBlock),
                E("cidrBlockAssociationSet", E("item", E("cidrBlock", v.CidrBlock), E("associationId", v.CidrAssociationId), E("cidrBlockState", E("state", "associated")))),
                E("ipv6CidrBlockAssociationSet"),
                E("dhcpOptionsId", v.DhcpOptionsId),
                E("instanceTenancy", "default"),
                E("isDefault", B(v.IsDefault)),
                E("blockPublicAccessStates", E("internetGatewayBlockMode", "off")),
                E("tagSet")))),
            next is null ? null : E("nextToken", next));
    }

    private XElement DescribeSubnets(RegionContext ctx, QueryRequest query, string requestId)
    {
        var owner = account.Options.AccountId;
        var page = Select(query, ctx.Region.Subnets, "SubnetId", s => s.SubnetId, "InvalidSubnetID.NotFound", "subnet ID",
            new()
            {
                ["vpc-id"] = s => [s.VpcId],
                ["subnet-id"] = s => [s.SubnetId],
                ["availability-zone"] = s => [s.AvailabilityZone],
                ["availability-zone-id"] = s => [s.AvailabilityZoneId],
                ["default-for-az"] = s => [B(s.DefaultForAz)],
                ["cidr-block"] = s => [s.CidrBlock],
                ["state"] = _ => ["available"],
                ["owner-id"] = _ => [owner],
            }, out var next, "subnets");
        return Response("DescribeSubnets", requestId,
            Items("subnetSet", page.Select(s => E("item",
                E("subnetId", s.SubnetId),
                E("subnetArn", $"arn:aws:ec2:{ctx.Region.Region}:{owner}:subnet/{s.SubnetId}"),
                E("state", "available"),
                E("ownerId", owner),
                E("vpcId", s.VpcId),
                E("cidrBlock", s.CidrBlock),
                E("ipv6CidrBlockAssociationSet"),
                E("availableIpAddressCount", AvailableAddresses(ctx, s).ToString(CultureInfo.InvariantCulture)),
                E("availabilityZone", s.AvailabilityZone),
                E("availabilityZoneId", s.AvailabilityZoneId),
                E("defaultForAz", B(s.DefaultForAz)),
                E("mapPublicIpOnLaunch", B(s.MapPublicIpOnLaunch)),
                E("assignIpv6AddressOnCreation", "false"),
                E("mapCustomerOwnedIpOnLaunch", "false"),
                E("enableDns64", "false"),
                E("ipv6Native", "false"),
                E("privateDnsNameOptionsOnLaunch", E("hostnameType", "ip-name"), E("enableResourceNameDnsARecord", "false"), E("enableResourceNameDnsAAAARecord", "false")),
                E("tagSet")))),
            next is null ? null : E("nextToken", next));
    }

    private static int AvailableAddresses(RegionContext ctx, SubnetState subnet)
    {
        var (_, prefix) = TaskLauncher.ParseCidr(subnet.CidrBlock);
        var used = ctx.Region.Tasks.Count(t => t.Network.SubnetId == subnet.SubnetId && TaskTimeline.HasEni(t, ctx.Now));
        return (1 << (32 - prefix)) - 5 - used;
    }

    private XElement DescribeSecurityGroups(RegionContext ctx, QueryRequest query, string requestId)
    {
        var owner = account.Options.AccountId;
        var names = query.List("GroupName");
        var groups = ctx.Region.SecurityGroups.AsEnumerable();
        foreach (var name in names)
        {
            if (ctx.Region.SecurityGroups.All(g => g.GroupName != name))
            {
                throw new SandboxApiException("InvalidGroup.NotFound", $"The security group '{name}' does not exist in default VPC '{ctx.Region.Vpcs[0].VpcId}'");
            }
        }

        if (names.Count > 0) groups = groups.Where(g => names.Contains(g.GroupName));
        var page = Select(query, groups, "GroupId", g => g.GroupId, "InvalidGroup.NotFound", "security group",
            new()
            {
                ["vpc-id"] = g => [g.VpcId],
                ["group-id"] = g => [g.GroupId],
                ["group-name"] = g => [g.GroupName],
                ["description"] = g => [g.Description],
                ["owner-id"] = _ => [owner],
            }, out var next, "groups");
        return Response("DescribeSecurityGroups", requestId,
            Items("securityGroupInfo", page.Select(g => E("item",
                E("ownerId", owner),
                E("groupId", g.GroupId),
                E("groupName", g.GroupName),
                E("groupDescription", g.Description),
                E("vpcId", g.VpcId),
                E("securityGroupArn", $"arn:aws:ec2:{ctx.Region.Region}:{owner}:security-group/{g.GroupId}"),
                Items("ipPermissions", g.Ingress.Select(r => Permission(r, owner))),
                E("ipPermissionsEgress", E("item",
                    E("ipProtocol", "-1"), E("groups"), E("ipRanges", E("item", E("cidrIp", "0.0.0.0/0"))), E("ipv6Ranges"), E("prefixListIds"))),
                E("tagSet")))),
            next is null ? null : E("nextToken", next));
    }

    private static XElement Permission(IngressRuleState rule, string owner) => E("item",
        E("ipProtocol", rule.Protocol),
        rule.Protocol == "-1" ? null : E("fromPort", rule.FromPort.ToString(CultureInfo.InvariantCulture)),
        rule.Protocol == "-1" ? null : E("toPort", rule.ToPort.ToString(CultureInfo.InvariantCulture)),
        E("groups", rule.SourceGroupId is null ? null : E("item", E("userId", owner), E("groupId", rule.SourceGroupId))),
        E("ipRanges", string.IsNullOrEmpty(rule.CidrIp) ? null : E("item", E("cidrIp", rule.CidrIp), rule.Description is null ? null : E("description", rule.Description))),
        E("ipv6Ranges"),
        E("prefixListIds"));

    private XElement DescribeNetworkInterfaces(RegionContext ctx, QueryRequest query, string requestId)
    {
        var owner = account.Options.AccountId;
        foreach (var id in query.List("NetworkInterfaceId"))
        {
            if (!id.StartsWith("eni-", StringComparison.Ordinal))
            {
                throw new SandboxApiException("InvalidNetworkInterfaceID.Malformed", $"Invalid id: \"{id}\" (expecting \"eni-...\")");
            }
        }

        var live = ctx.Region.Tasks.Where(t => TaskTimeline.HasEni(t, ctx.Now)).ToList();
        var page = Select(query, live, "NetworkInterfaceId", t => t.Network.EniId, "InvalidNetworkInterfaceID.NotFound", "networkInterface ID",
            new()
            {
                ["network-interface-id"] = t => [t.Network.EniId],
                ["subnet-id"] = t => [t.Network.SubnetId],
                ["vpc-id"] = t => [t.Network.VpcId],
                ["availability-zone"] = t => [t.Network.AvailabilityZone],
                ["private-ip-address"] = t => [t.Network.PrivateIp],
                ["addresses.private-ip-address"] = t => [t.Network.PrivateIp],
                ["association.public-ip"] = t => t.Network.PublicIp is { } ip ? [ip] : [],
                ["group-id"] = t => t.Network.SecurityGroups,
                ["status"] = _ => ["in-use"],
                ["interface-type"] = _ => ["interface"],
                ["requester-managed"] = _ => ["true"],
                ["description"] = t => [$"arn:aws:ecs:{ctx.Region.Region}:{owner}:attachment/{t.Network.AttachmentId}"],
                ["owner-id"] = _ => [owner],
            }, out var next, "enis");
        return Response("DescribeNetworkInterfaces", requestId,
            Items("networkInterfaceSet", page.Select(t => Eni(ctx, t, owner))),
            next is null ? null : E("nextToken", next));
    }

    private static XElement Eni(RegionContext ctx, TaskState task, string owner)
    {
        var n = task.Network;
        var dns = EcsRender.PrivateDnsName(ctx, n.PrivateIp);
        var association = n.PublicIp is { } ip
            ? E("association", E("publicIp", ip), E("publicDnsName", ""), E("ipOwnerId", "amazon"))
            : null;
        return E("item",
            E("networkInterfaceId", n.EniId),
            E("subnetId", n.SubnetId),
            E("vpcId", n.VpcId),
            E("availabilityZone", n.AvailabilityZone),
            E("description", ctx.Arns.Attachment(n.AttachmentId)),
            E("ownerId", owner),
            E("requesterId", "578734482556"),
            E("requesterManaged", "true"),
            E("status", "in-use"),
            E("macAddress", n.MacAddress),
            E("privateIpAddress", n.PrivateIp),
            E("privateDnsName", dns),
            E("sourceDestCheck", "true"),
            Items("groupSet", n.SecurityGroups.Select(g => E("item", E("groupId", g),
                E("groupName", ctx.Region.SecurityGroups.FirstOrDefault(s => s.GroupId == g)?.GroupName ?? "")))),
            E("attachment",
                E("attachmentId", "ela-attach-0" + n.AttachmentId.Replace("-", "", StringComparison.Ordinal)[..16]),
                E("deviceIndex", "1"),
                E("networkCardIndex", "0"),
                E("instanceOwnerId", "amazon-aws"),
                E("status", "attached"),
                E("attachTime", task.PendingAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
                E("deleteOnTermination", "false")),
            association,
            E("tagSet"),
            E("privateIpAddressesSet", E("item",
                E("privateIpAddress", n.PrivateIp),
                E("privateDnsName", dns),
                E("primary", "true"),
                association is null ? null : new XElement(association))),
            E("ipv6AddressesSet"),
            E("interfaceType", "interface"));
    }
}
