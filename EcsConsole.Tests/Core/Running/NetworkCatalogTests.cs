using EcsConsole.Core.Networking;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Core.Running;

public sealed class NetworkCatalogTests : IAsyncLifetime
{
    private readonly RunningWorld _world = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    private static Task<NetworkChoices> LoadWith(RunningWorld world) => world.Network.GetChoicesAsync(world.Aws.Connection.Name, AwsTestHarness.Region, CancellationToken.None);

    [Fact]
    public async Task VPCs_subnets_and_groups_come_with_zone_public_marker_and_inbound_summary()
    {
        var choices = await LoadWith(_world.WithNetwork());

        Assert.Equal(["vpc-main", "vpc-other"], choices.Vpcs.Select(v => v.Id));
        Assert.Equal("main (vpc-main) · 10.0.0.0/16 · default", choices.Vpcs[0].Label);
        Assert.Equal("vpc-main", choices.SuggestedVpcId);
        var subnets = choices.SubnetsOf("vpc-main").ToList();
        Assert.Equal(["subnet-pub-a", "subnet-priv-b"], subnets.Select(s => s.Id));
        Assert.Equal("public-a (subnet-pub-a) · eu-west-1a", subnets[0].Label);
        Assert.True(subnets[0].IsPublic);
        Assert.Equal("routes to the internet gateway igw-123", subnets[0].PublicReason);
        // The main route table (NAT) decides for a subnet without its own, whatever MapPublicIpOnLaunch says.
        Assert.False(subnets[1].IsPublic);
        Assert.Equal("private: reaches the internet through a NAT gateway", subnets[1].PublicReason);
        var groups = choices.SecurityGroupsOf("vpc-main").ToList();
        Assert.Equal(["internal", "web"], groups.Select(g => g.Name));
        Assert.Equal("all traffic from sg-internal", groups[0].InboundSummary);
        Assert.Equal("TCP 80 from 0.0.0.0/0", groups[1].InboundSummary);
        Assert.Equal("no inbound rules", choices.SecurityGroupsOf("vpc-other").Single().InboundSummary);
    }

    [Fact]
    public async Task Without_route_tables_the_public_marker_falls_back_to_public_IP_on_launch()
    {
        var choices = await LoadWith(_world.WithNetwork(routeTables: false));

        var subnets = choices.SubnetsOf("vpc-main").ToDictionary(s => s.Id);
        Assert.False(subnets["subnet-pub-a"].IsPublic);
        Assert.True(subnets["subnet-priv-b"].IsPublic);
        Assert.Equal("assigns public IPs on launch", subnets["subnet-priv-b"].PublicReason);
    }

    [Fact]
    public async Task A_port_the_chosen_groups_do_not_open_is_warned_about()
    {
        var choices = await LoadWith(_world.WithNetwork());

        Assert.Null(choices.PortWarning(["sg-web"], [80]));
        Assert.Equal("Port 8000 is not open in the chosen security groups: the task will run but cannot be reached on it.",
            choices.PortWarning(["sg-web"], [80, 8000]));
        Assert.Equal("Ports 80, 443 are not open in the chosen security groups: the task will run but cannot be reached on them.",
            choices.PortWarning(["sg-other"], [443, 80]));
        // Self-referencing "all traffic" counts as open: the warning is about rules, not sources.
        Assert.Null(choices.PortWarning(["sg-internal"], [8000]));
        Assert.Null(choices.PortWarning([], [80]));
    }

    [Theory]
    [InlineData("tcp", 0, 65535, 8080, true, "TCP all ports")]
    [InlineData("tcp", 8000, 8100, 8080, true, "TCP 8000-8100")]
    [InlineData("tcp", 80, 80, 8080, false, "TCP 80")]
    [InlineData("udp", 0, 65535, 53, false, "UDP all ports")]
    public void Inbound_rules_read_and_match_ports_as_EC2_means_them(string protocol, int from, int to, int port, bool allows, string summary)
    {
        var rule = new InboundRule(protocol, from, to, []);

        Assert.Equal(allows, rule.Allows(port));
        Assert.Equal(summary, rule.Summary);
    }
}
