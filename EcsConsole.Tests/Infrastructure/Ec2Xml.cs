namespace EcsConsole.Tests.Infrastructure;

/// <summary>EC2 and STS query-protocol answers, shaped as the EC2 (2016-11-15) and STS (2011-06-15) APIs send them.</summary>
public static class Ec2Xml
{
    private const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static string Ec2(string operation, string body, string? nextToken = null)
        => $"""<?xml version="1.0" encoding="UTF-8"?><{operation}Response xmlns="{Ec2Ns}"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>{body}{(nextToken is null ? "" : $"<nextToken>{nextToken}</nextToken>")}</{operation}Response>""";

    public static string Vpcs(params string[] ids) => VpcsPage(null, ids);

    public static string VpcsPage(string? nextToken, params string[] ids)
        => Ec2("DescribeVpcs", "<vpcSet>" + string.Concat(ids.Select((id, i) =>
            $"<item><vpcId>{id}</vpcId><ownerId>123456789012</ownerId><state>available</state><cidrBlock>10.{i}.0.0/16</cidrBlock><dhcpOptionsId>dopt-1</dhcpOptionsId><instanceTenancy>default</instanceTenancy><isDefault>{(i == 0 ? "true" : "false")}</isDefault><tagSet><item><key>Name</key><value>net-{i}</value></item></tagSet></item>")) + "</vpcSet>", nextToken);

    public static string Subnets(string vpcId, params string[] ids)
        => Ec2("DescribeSubnets", "<subnetSet>" + string.Concat(ids.Select((id, i) =>
            $"<item><subnetId>{id}</subnetId><subnetArn>arn:aws:ec2:eu-west-1:123456789012:subnet/{id}</subnetArn><state>available</state><vpcId>{vpcId}</vpcId><cidrBlock>10.0.{i}.0/24</cidrBlock><availableIpAddressCount>{250 - i}</availableIpAddressCount><availabilityZone>eu-west-1{(char)('a' + i)}</availabilityZone><availabilityZoneId>euw1-az{i + 1}</availabilityZoneId><defaultForAz>true</defaultForAz><mapPublicIpOnLaunch>{(i == 0 ? "true" : "false")}</mapPublicIpOnLaunch></item>")) + "</subnetSet>");

    public static string SecurityGroups(string vpcId, params string[] ids)
        => Ec2("DescribeSecurityGroups", "<securityGroupInfo>" + string.Concat(ids.Select(id =>
            $"<item><ownerId>123456789012</ownerId><groupId>{id}</groupId><groupName>web-{id}</groupName><groupDescription>Web traffic</groupDescription><vpcId>{vpcId}</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>80</fromPort><toPort>80</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress></item>")) + "</securityGroupInfo>");

    /// <summary>ENIs with the public IP given (null: a private-only ENI).</summary>
    public static string NetworkInterfaces(IEnumerable<(string Id, string? PublicIp)> enis)
        => Ec2("DescribeNetworkInterfaces", "<networkInterfaceSet>" + string.Concat(enis.Select(e =>
            $"<item><networkInterfaceId>{e.Id}</networkInterfaceId><subnetId>subnet-0a1</subnetId><vpcId>vpc-1</vpcId><availabilityZone>eu-west-1a</availabilityZone><description>arn:aws:ecs:eu-west-1:123456789012:attachment/x</description><ownerId>123456789012</ownerId><requesterManaged>true</requesterManaged><status>in-use</status><interfaceType>interface</interfaceType><privateIpAddress>10.0.1.9</privateIpAddress>" +
            (e.PublicIp is null ? "" : $"<association><publicIp>{e.PublicIp}</publicIp><publicDnsName>ec2-{e.PublicIp.Replace('.', '-')}.eu-west-1.compute.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association>") +
            "</item>")) + "</networkInterfaceSet>");

    public const string CallerIdentity = """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com</Arn>
            <UserId>AROA3XFRBF535PLBIFPI4:alice@example.com</UserId>
            <Account>123456789012</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """;

    /// <summary>An STS error as the query protocol sends it (STS wraps it differently from EC2).</summary>
    public static string StsError(string code, string message)
        => $"""<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>c6104cbe-af31-11e0-8154-example</RequestId></ErrorResponse>""";

    /// <summary>An EC2 error as the query protocol sends it.</summary>
    public static string Error(string code, string message)
        => $"""<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>""";
}
