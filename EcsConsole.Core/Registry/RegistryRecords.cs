namespace EcsConsole.Core.Registry;

/// <summary>Whether a pushed tag may later point at another image.</summary>
public enum TagMutability
{
    Unknown,
    Mutable,
    Immutable,

    /// <summary>Mutable, except tags matching the repository's exclusion filters.</summary>
    MutableWithExclusion,

    /// <summary>Immutable, except tags matching the repository's exclusion filters.</summary>
    ImmutableWithExclusion,
}

/// <summary>Where an image scan stands (ECR's imageScanStatus.status).</summary>
public enum ImageScanState
{
    Unknown,
    NotScanned,
    InProgress,
    Complete,
    Failed,
    UnsupportedImage,
    Active,
    Pending,
    ScanEligibilityExpired,
    FindingsUnavailable,
    LimitExceeded,
}

/// <summary>A repository as the console shows it.</summary>
public sealed record EcrRepository(
    string Name,
    string Arn,
    string Uri,
    string RegistryId,
    DateTimeOffset? CreatedAt,
    TagMutability TagMutability,
    bool ScanOnPush,
    string Encryption,
    string? KmsKey)
{
    /// <summary>The registry host, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com.</summary>
    public string RegistryHost => EcrUris.HostOf(Uri);
}

/// <summary>How many images a repository holds and when the last one arrived.</summary>
public sealed record RepositoryImageStats(int ImageCount, DateTimeOffset? LastPushedAt);

/// <summary>Vulnerability counts of a finished scan, by severity (CRITICAL, HIGH, …).</summary>
public sealed record ScanFindingsSummary(IReadOnlyDictionary<string, int> SeverityCounts, DateTimeOffset? CompletedAt)
{
    public int Total => SeverityCounts.Values.Sum();
}

/// <summary>An image in a repository: one manifest digest with zero or more tags.</summary>
public sealed record EcrImage(
    string RepositoryName,
    string Digest,
    IReadOnlyList<string> Tags,
    long SizeInBytes,
    DateTimeOffset? PushedAt,
    DateTimeOffset? LastPulledAt,
    ImageScanState ScanState,
    string? ScanDescription,
    ScanFindingsSummary? Findings,
    string? MediaType)
{
    /// <summary>"sha256:0123456789ab" — enough to tell images apart on a page.</summary>
    public string ShortDigest => EcrUris.ShortDigest(Digest);

    public bool IsUntagged => Tags.Count == 0;
}

/// <summary>What to type to get an image into a repository, as the AWS console shows it.</summary>
public sealed record PushCommands(string Region, string RegistryHost, string RepositoryUri, string Login, string Build, string Tag, string Push)
{
    /// <summary>The image reference a task definition uses after these commands ran.</summary>
    public string ImageReference => $"{RepositoryUri}:latest";

    public static PushCommands For(string repositoryUri, string region, string localImageName)
    {
        var host = EcrUris.HostOf(repositoryUri);
        return new PushCommands(
            region,
            host,
            repositoryUri,
            $"aws ecr get-login-password --region {region} | docker login --username AWS --password-stdin {host}",
            $"docker build -t {repositoryUri}:latest .",
            $"docker tag {localImageName}:latest {repositoryUri}:latest",
            $"docker push {repositoryUri}:latest");
    }
}
