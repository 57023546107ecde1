using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace EcsConsole.Core.Aws;

/// <summary>A named connection: where to send requests and which credentials sign them.</summary>
public sealed class AwsConnection
{
    /// <summary>Keys the sandbox accepts; it checks the signature's shape, not the secret.</summary>
    public const string SandboxAccessKey = "AKIASANDBOXEXAMPLE00";
    public const string SandboxSecretKey = "sandbox/secret/key/not/a/real/one/000000";

    private readonly Lazy<AWSCredentials> _credentials;

    public AwsConnection(ConnectionOptions options, Func<AWSCredentials>? credentialFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);
        Name = options.Name;
        DisplayName = string.IsNullOrWhiteSpace(options.DisplayName) ? options.Name : options.DisplayName;
        Profile = string.IsNullOrWhiteSpace(options.Profile) ? null : options.Profile;
        IsSandbox = options.IsSandbox;
        EndpointOverride = string.IsNullOrWhiteSpace(options.EndpointUrl) ? null : new Uri(options.EndpointUrl.TrimEnd('/') + "/");
        DefaultRegion = !string.IsNullOrWhiteSpace(options.Region) ? options.Region : ResolveDefaultRegion();
        // PublicationOnly: a failure (no credentials yet, profile added later) is not cached forever.
        _credentials = new Lazy<AWSCredentials>(credentialFactory ?? CreateCredentials, LazyThreadSafetyMode.PublicationOnly);
    }

    public string Name { get; }
    public string DisplayName { get; }
    public string? Profile { get; }
    public bool IsSandbox { get; }
    public Uri? EndpointOverride { get; }
    public string DefaultRegion { get; }

    public AWSCredentials Credentials => _credentials.Value;

    /// <summary>
    /// The keys to sign with. A chain that finds nothing, an expired SSO session or an unreachable
    /// credential endpoint becomes an <see cref="AwsServiceException"/> the page can show.
    /// </summary>
    public async Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await Credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException or InvalidOperationException or IOException or HttpRequestException)
        {
            throw new AwsServiceException("STS", "ResolveCredentials", "NoCredentials",
                $"No usable AWS credentials for connection '{DisplayName}': {ex.Message}", AwsErrorKind.AccessDenied, inner: ex);
        }
    }

    /// <summary>The URL of a JSON 1.1 service in a region (the override when one is set).</summary>
    public Uri EndpointFor(AwsService service, string region)
        => EndpointOverride ?? new Uri($"https://{service.EndpointPrefix}.{region}.{DnsSuffix(region)}/");

    public static string DnsSuffix(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "amazonaws.com.cn",
        _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => "c2s.ic.gov",
        _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => "sc2s.sgov.gov",
        _ => "amazonaws.com",
    };

    /// <summary>The AWS console's own domain for "Open in AWS console" links.</summary>
    public static string ConsoleHost(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "console.amazonaws.cn",
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "console.amazonaws-us-gov.com",
        _ => "console.aws.amazon.com",
    };

    private AWSCredentials CreateCredentials()
    {
        if (IsSandbox)
        {
            return new BasicAWSCredentials(SandboxAccessKey, SandboxSecretKey);
        }

        if (Profile is not null)
        {
            var chain = new CredentialProfileStoreChain();
            if (chain.TryGetAWSCredentials(Profile, out var fromProfile))
            {
                return fromProfile;
            }

            throw new AwsServiceException("STS", "ResolveCredentials", "ProfileNotFound",
                $"No AWS profile named '{Profile}' was found in the shared config or credentials files.",
                AwsErrorKind.AccessDenied);
        }

        // Environment, shared files, SSO, web identity, container and instance credentials.
        return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
    }

    private string ResolveDefaultRegion()
    {
        if (IsSandbox) return "us-east-1";
        if (Profile is not null && new CredentialProfileStoreChain().TryGetProfile(Profile, out var profile)
            && profile.Region is not null)
        {
            return profile.Region.SystemName;
        }

        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? "us-east-1";
        }
        catch (AmazonClientException)
        {
            return "us-east-1";
        }
    }
}
