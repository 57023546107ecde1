namespace EcsConsole.Core.Networking;

/// <summary>Where an awsvpc task or service gets its network: subnets, security groups, public IP or not.</summary>
public sealed record AwsVpcNetwork(IReadOnlyList<string> Subnets, IReadOnlyList<string> SecurityGroups, bool AssignPublicIp)
{
    public static readonly AwsVpcNetwork None = new([], [], false);
}
