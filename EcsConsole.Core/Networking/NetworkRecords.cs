namespace EcsConsole.Core.Networking;

/// <summary>A VPC as the run and service forms offer it.</summary>
public sealed record VpcSummary(string Id, string? Name, string CidrBlock, bool IsDefault)
{
    public string Label => (Name is null ? Id : $"{Name} ({Id})") + $" · {CidrBlock}" + (IsDefault ? " · default" : "");
}

/// <summary>
/// A subnet with what a person needs to pick one for a Fargate task: its zone and whether tasks
/// in it can reach the internet directly (needed to pull public images without a NAT).
/// </summary>
public sealed record SubnetSummary(
    string Id,
    string VpcId,
    string? Name,
    string AvailabilityZone,
    string CidrBlock,
    int AvailableAddresses,
    bool IsPublic,
    string PublicReason)
{
    public string Label => (Name is null ? Id : $"{Name} ({Id})") + $" · {AvailabilityZone}";
}

/// <summary>One inbound rule of a security group, flattened to what a person reads.</summary>
public sealed record InboundRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> Sources)
{
    public bool AllTraffic => Protocol == "-1";

    /// <summary>Whether TCP traffic to <paramref name="port"/> is let in by this rule.</summary>
    public bool Allows(int port)
        => AllTraffic || (Protocol is "tcp" or "6" && (FromPort is null || (FromPort <= port && port <= (ToPort ?? FromPort))));

    public string Summary
    {
        get
        {
            var ports = AllTraffic ? "all traffic"
                : FromPort is null || (FromPort == 0 && ToPort == 65535) ? $"{Protocol.ToUpperInvariant()} all ports"
                : FromPort == ToPort || ToPort is null ? $"{Protocol.ToUpperInvariant()} {FromPort}"
                : $"{Protocol.ToUpperInvariant()} {FromPort}-{ToPort}";
            return Sources.Count == 0 ? ports : $"{ports} from {string.Join(", ", Sources)}";
        }
    }
}

/// <summary>A security group with a summary of what it lets in.</summary>
public sealed record SecurityGroupSummary(string Id, string Name, string VpcId, string Description, IReadOnlyList<InboundRule> Inbound)
{
    public string InboundSummary => Inbound.Count == 0 ? "no inbound rules" : string.Join("; ", Inbound.Select(r => r.Summary));

    public bool Allows(int port) => Inbound.Any(r => r.Allows(port));
}

/// <summary>The VPCs, subnets and security groups of one (connection, region), fetched together for a form.</summary>
public sealed record NetworkChoices(IReadOnlyList<VpcSummary> Vpcs, IReadOnlyList<SubnetSummary> Subnets, IReadOnlyList<SecurityGroupSummary> SecurityGroups)
{
    public static NetworkChoices Empty { get; } = new([], [], []);

    public IEnumerable<SubnetSummary> SubnetsOf(string? vpcId) => Subnets.Where(s => s.VpcId == vpcId).OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal);

    public IEnumerable<SecurityGroupSummary> SecurityGroupsOf(string? vpcId) => SecurityGroups.Where(g => g.VpcId == vpcId).OrderBy(g => g.Name, StringComparer.Ordinal);

    /// <summary>The VPC a form should start with: the default VPC, else the only one.</summary>
    public string? SuggestedVpcId => Vpcs.FirstOrDefault(v => v.IsDefault)?.Id ?? (Vpcs.Count == 1 ? Vpcs[0].Id : null);

    /// <summary>
    /// What to start with when nothing was used before, as the AWS console does: the VPC's public
    /// subnets (all of them when none is public) and its "default" security group.
    /// </summary>
    public Running.NetworkPlan DefaultPlacement(string vpcId)
    {
        var subnets = SubnetsOf(vpcId).ToList();
        var chosen = subnets.Any(s => s.IsPublic) ? subnets.Where(s => s.IsPublic) : subnets;
        var group = SecurityGroupsOf(vpcId).FirstOrDefault(g => g.Name == "default");
        return new Running.NetworkPlan(vpcId, [.. chosen.Select(s => s.Id)], group is null ? [] : [group.Id]);
    }

    /// <summary>
    /// A warning when none of the chosen security groups lets in a port the containers listen on
    /// (the task runs, but nobody can reach it). Null when every port is open or nothing is chosen.
    /// </summary>
    public string? PortWarning(IEnumerable<string> chosenGroupIds, IEnumerable<int> containerPorts)
    {
        var chosen = SecurityGroups.Where(g => chosenGroupIds.Contains(g.Id)).ToList();
        if (chosen.Count == 0) return null;
        var closed = containerPorts.Distinct().Order().Where(p => !chosen.Any(g => g.Allows(p))).ToList();
        return closed.Count switch
        {
            0 => null,
            1 => $"Port {closed[0]} is not open in the chosen security groups: the task will run but cannot be reached on it.",
            _ => $"Ports {string.Join(", ", closed)} are not open in the chosen security groups: the task will run but cannot be reached on them.",
        };
    }
}
