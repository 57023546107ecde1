using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using EcsConsole.Core.Aws.Ec2;
using EcsConsole.Core.Aws.Ecr;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Logs;
using EcsConsole.Core.Aws.Sts;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Aws;

/// <summary>Creates and caches the clients of each (connection, region).</summary>
public sealed class AwsClientFactory(
    ConnectionRegistry connections,
    AwsJsonTransport transport,
    AwsCallMetrics metrics,
    IHttpClientFactory httpClientFactory,
    IOptions<AwsOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<(string, string), Lazy<AwsClients>> _cache = new();

    public AwsClients For(string connectionName, string? region = null)
    {
        var connection = connections.Get(connectionName);
        var r = string.IsNullOrWhiteSpace(region) ? connection.DefaultRegion : region;
        return _cache.GetOrAdd((connection.Name, r), key => new Lazy<AwsClients>(() => Create(connection, key.Item2))).Value;
    }

    private AwsClients Create(AwsConnection connection, string region)
    {
        var o = options.Value;
        var context = new AwsClientContext(connection, region, new AwsRetryPolicy(o), o.CallTimeout);
        // The SDK clients share the app's HttpClient pipeline (handlers, logging, test fakes).
        var sdkHttp = new SdkHttpClientFactory(httpClientFactory);
        var ec2Config = new AmazonEC2Config
        {
            RetryMode = RequestRetryMode.Standard, MaxErrorRetry = o.MaxAttempts - 1, Timeout = o.CallTimeout, HttpClientFactory = sdkHttp,
        };
        var stsConfig = new AmazonSecurityTokenServiceConfig
        {
            RetryMode = RequestRetryMode.Standard, MaxErrorRetry = o.MaxAttempts - 1, Timeout = o.CallTimeout, HttpClientFactory = sdkHttp,
        };
        // Resolved on first use, so that a connection without credentials can still be listed.
        var credentials = new DeferredCredentials(connection);
        if (connection.EndpointOverride is { } endpoint)
        {
            ec2Config.ServiceURL = endpoint.ToString();
            ec2Config.AuthenticationRegion = region;
            stsConfig.ServiceURL = endpoint.ToString();
            stsConfig.AuthenticationRegion = region;
        }
        else
        {
            ec2Config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            stsConfig.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AwsClients(
            connection,
            region,
            new EcsClient(transport, context),
            new EcrClient(transport, context),
            new LogsClient(transport, context),
            new Ec2Gateway(new AmazonEC2Client(credentials, ec2Config), metrics),
            new StsGateway(new AmazonSecurityTokenServiceClient(credentials, stsConfig), metrics));
    }

    public void Dispose()
    {
        foreach (var lazy in _cache.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Ec2.Dispose();
            lazy.Value.Sts.Dispose();
        }
    }
}

/// <summary>Hands the AWSSDK clients HttpClients from <see cref="IHttpClientFactory"/>.</summary>
internal sealed class SdkHttpClientFactory(IHttpClientFactory factory) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => factory.CreateClient(AwsJsonTransport.HttpClientName);

    // IHttpClientFactory already pools the handlers; the SDK's own cache would pin one forever.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}

/// <summary>The connection's credentials, looked up when a request is signed rather than when the client is made.</summary>
internal sealed class DeferredCredentials(AwsConnection connection) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials()
        => connection.GetCredentialsAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => connection.GetCredentialsAsync(CancellationToken.None);
}
