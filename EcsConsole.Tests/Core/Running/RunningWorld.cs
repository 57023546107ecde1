using System.Net;
using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Running;
using EcsConsole.Core.Services;
using EcsConsole.Core.Storage;
using EcsConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsConsole.Tests.Core.Running;

/// <summary>
/// The run and service commands over the real clients, a recording HTTP handler that answers per
/// operation, and an in-memory SQLite database (audit trail, presets, parked counts).
/// </summary>
public sealed class RunningWorld : IAsyncDisposable
{
    public static readonly ConsoleUser Operator = new("op-1", "olga@example.com", ConsoleRole.Operator, "10.0.0.9");
    public static readonly ConsoleUser Admin = new("ad-1", "ada@example.com", ConsoleRole.Admin);
    public static readonly ConsoleUser Viewer = new("vi-1", "vic@example.com", ConsoleRole.Viewer);

    private readonly TestDatabase _database = new();
    private readonly Dictionary<string, Func<RecordedRequest, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);

    /// <param name="aws">Changes to the AWS options (e.g. one attempt per call, for tests that make AWS fail under a fake clock).</param>
    public RunningWorld(Action<EcsConsole.Core.Aws.AwsOptions>? aws = null)
    {
        Aws = new AwsTestHarness(aws);
        Db = new PooledDbContextFactory<EcsConsoleDbContext>(_database.Options);
        Audit = new AuditLog(Db, Aws.Time);
        Commands = new CommandRunner(Audit, NullLogger<CommandRunner>.Instance);
        Presets = new RunPresetStore(Db, Aws.Time);
        Parks = new ParkStore(Db, Aws.Time);
        Tasks = new TaskRunner(Aws.Factory, Commands, Presets);
        Services = new ServiceManager(Aws.Factory, Commands, Parks, Presets);
        Network = new NetworkCatalog(Aws.Factory, NullLogger<NetworkCatalog>.Instance);
        Catalog = new RunCatalog(Aws.Factory);
        Aws.Http.Fallback = (r, _) => Task.FromResult(
            r.Operation is { } op && _routes.TryGetValue(op, out var route)
                ? route(r)
                : RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "UnknownOperationException", $"No fake answer for {r.Operation}."));
    }

    public AwsTestHarness Aws { get; }
    public IDbContextFactory<EcsConsoleDbContext> Db { get; }
    public AuditLog Audit { get; }
    public CommandRunner Commands { get; }
    public RunPresetStore Presets { get; }
    public ParkStore Parks { get; }
    public TaskRunner Tasks { get; }
    public ServiceManager Services { get; }
    public NetworkCatalog Network { get; }
    public RunCatalog Catalog { get; }

    public AwsTarget Target => new(Aws.Connection.Name, AwsTestHarness.Region);

    /// <summary>Answers every call of <paramref name="operation"/> (ECS target suffix or EC2 Action).</summary>
    public RunningWorld On(string operation, Func<RecordedRequest, HttpResponseMessage> answer)
    {
        _routes[operation] = answer;
        return this;
    }

    public RunningWorld OnJson(string operation, string json) => On(operation, _ => RecordingHttpHandler.Json(json));

    public RunningWorld OnXml(string operation, string xml) => On(operation, _ => RecordingHttpHandler.Xml(xml));

    public IReadOnlyList<RecordedRequest> Calls(string operation) => [.. Aws.Http.Requests.Where(r => r.Operation == operation)];

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync() => await Audit.QueryAsync(new AuditQuery(), CancellationToken.None);

    /// <summary>Two VPCs; in the default one a public subnet (IGW route), a private one (NAT) and two security groups.</summary>
    public RunningWorld WithNetwork(bool routeTables = true)
    {
        OnXml("DescribeVpcs", Ec2("DescribeVpcsResponse", """
            <vpcSet>
              <item><vpcId>vpc-main</vpcId><cidrBlock>10.0.0.0/16</cidrBlock><isDefault>true</isDefault><tagSet><item><key>Name</key><value>main</value></item></tagSet></item>
              <item><vpcId>vpc-other</vpcId><cidrBlock>10.9.0.0/16</cidrBlock><isDefault>false</isDefault></item>
            </vpcSet>
            """));
        OnXml("DescribeSubnets", Ec2("DescribeSubnetsResponse", """
            <subnetSet>
              <item><subnetId>subnet-pub-a</subnetId><vpcId>vpc-main</vpcId><availabilityZone>eu-west-1a</availabilityZone><cidrBlock>10.0.1.0/24</cidrBlock><availableIpAddressCount>250</availableIpAddressCount><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch><tagSet><item><key>Name</key><value>public-a</value></item></tagSet></item>
              <item><subnetId>subnet-priv-b</subnetId><vpcId>vpc-main</vpcId><availabilityZone>eu-west-1b</availabilityZone><cidrBlock>10.0.2.0/24</cidrBlock><availableIpAddressCount>251</availableIpAddressCount><mapPublicIpOnLaunch>true</mapPublicIpOnLaunch></item>
              <item><subnetId>subnet-other</subnetId><vpcId>vpc-other</vpcId><availabilityZone>eu-west-1a</availabilityZone><cidrBlock>10.9.1.0/24</cidrBlock><availableIpAddressCount>10</availableIpAddressCount><mapPublicIpOnLaunch>true</mapPublicIpOnLaunch></item>
            </subnetSet>
            """));
        OnXml("DescribeSecurityGroups", Ec2("DescribeSecurityGroupsResponse", """
            <securityGroupInfo>
              <item><groupId>sg-web</groupId><groupName>web</groupName><groupDescription>HTTP from anywhere</groupDescription><vpcId>vpc-main</vpcId>
                <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>80</fromPort><toPort>80</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissions></item>
              <item><groupId>sg-internal</groupId><groupName>internal</groupName><groupDescription>Only from itself</groupDescription><vpcId>vpc-main</vpcId>
                <ipPermissions><item><ipProtocol>-1</ipProtocol><groups><item><groupId>sg-internal</groupId></item></groups></item></ipPermissions></item>
              <item><groupId>sg-other</groupId><groupName>default</groupName><groupDescription>default</groupDescription><vpcId>vpc-other</vpcId><ipPermissions/></item>
            </securityGroupInfo>
            """));
        if (routeTables)
        {
            OnXml("DescribeRouteTables", Ec2("DescribeRouteTablesResponse", """
                <routeTableSet>
                  <item><routeTableId>rtb-pub</routeTableId><vpcId>vpc-main</vpcId>
                    <routeSet><item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId></item><item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-123</gatewayId></item></routeSet>
                    <associationSet><item><routeTableAssociationId>rtbassoc-1</routeTableAssociationId><subnetId>subnet-pub-a</subnetId><main>false</main></item></associationSet></item>
                  <item><routeTableId>rtb-main</routeTableId><vpcId>vpc-main</vpcId>
                    <routeSet><item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><natGatewayId>nat-1</natGatewayId></item></routeSet>
                    <associationSet><item><routeTableAssociationId>rtbassoc-2</routeTableAssociationId><main>true</main></item></associationSet></item>
                </routeTableSet>
                """));
        }
        else
        {
            On("DescribeRouteTables", _ => RecordingHttpHandler.Xml(
                """<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r-1</RequestID></Response>""",
                HttpStatusCode.Forbidden));
        }

        return this;
    }

    public static string Ec2(string root, string inner)
        => $"""<?xml version="1.0" encoding="UTF-8"?><{root} xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId>{inner}</{root}>""";

    public ValueTask DisposeAsync()
    {
        Aws.Dispose();
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}
