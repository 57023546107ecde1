using EcsConsole.Core.Aws;

namespace EcsConsole.Core.Registry;

/// <summary>Registry hosts and repository URIs as ECR forms them per region and partition.</summary>
public static class EcrUris
{
    /// <summary>123456789012.dkr.ecr.eu-west-1.amazonaws.com (…amazonaws.com.cn in China).</summary>
    public static string RegistryHost(string accountId, string region)
        => $"{accountId}.dkr.ecr.{region}.{AwsConnection.DnsSuffix(region)}";

    public static string RepositoryUri(string accountId, string region, string repositoryName)
        => $"{RegistryHost(accountId, region)}/{repositoryName}";

    /// <summary>The host part of a repository URI or image reference.</summary>
    public static string HostOf(string uri)
    {
        var slash = uri.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? uri : uri[..slash];
    }

    public static string ShortDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var hex = colon < 0 ? digest : digest[(colon + 1)..];
        var algorithm = colon < 0 ? "" : digest[..(colon + 1)];
        return hex.Length <= 12 ? digest : algorithm + hex[..12];
    }
}
