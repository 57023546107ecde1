using EcsConsole.Core.Aws;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Core.Networking;

/// <summary>
/// Finds the public IPs of Fargate tasks: the task's ENI id → EC2 DescribeNetworkInterfaces →
/// Association.PublicIp. All tasks go in one call per batch of ENIs, never one call per task.
/// </summary>
public sealed class PublicIpResolver(AwsClientFactory clients)
{
    /// <summary>Task ARN → public IPv4 for the tasks that have one (no ENI, no public IP or a deleted ENI: left out).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        string connection, string region, IEnumerable<EcsTaskSummary> tasks, CancellationToken ct)
    {
        var byEni = tasks
            .Where(t => t.NetworkInterface is not null)
            .GroupBy(t => t.NetworkInterface!.NetworkInterfaceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Arn).ToList(), StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (byEni.Count == 0) return result;

        var interfaces = await clients.For(connection, region).Ec2.DescribeNetworkInterfacesAsync(byEni.Keys, ct).ConfigureAwait(false);
        foreach (var eni in interfaces)
        {
            if (eni.NetworkInterfaceId is { } id && eni.Association?.PublicIp is { Length: > 0 } ip && byEni.TryGetValue(id, out var arns))
            {
                foreach (var arn in arns) result[arn] = ip;
            }
        }

        return result;
    }
}
