using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecr;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Logs;

namespace EcsConsole.Tests.Infrastructure;

/// <summary>
/// The real AWS clients wired to a <see cref="RecordingHttpHandler"/> and an <see cref="ObservableTimeProvider"/>:
/// what a test sees in <see cref="Http"/> is exactly what would go to AWS.
/// </summary>
public sealed class AwsTestHarness : IDisposable
{
    public const string Region = "eu-west-1";

    public AwsTestHarness(Action<AwsOptions>? configure = null, Func<double>? jitter = null)
    {
        Options = new AwsOptions
        {
            Connections =
            [
                new ConnectionOptions { Name = "test", Region = Region, EndpointUrl = null },
            ],
        };
        configure?.Invoke(Options);
        Http = new RecordingHttpHandler(Time);
        HttpClients = new FakeHttpClientFactory(Http);
        Transport = new AwsJsonTransport(HttpClients, Time, Metrics);
        Connection = new AwsConnection(Options.Connections[0], () => new Amazon.Runtime.BasicAWSCredentials(AccessKey, SecretKey));
        Registry = ConnectionRegistry.From([Connection]);
        // Full jitter makes backoff random; tests pin it to the ceiling (1.0) so delays are exact.
        RetryPolicy = new AwsRetryPolicy(Options, jitter ?? (() => 1.0));
        Context = new AwsClientContext(Connection, Connection.DefaultRegion, RetryPolicy, Options.CallTimeout);
        Ecs = new EcsClient(Transport, Context);
        Ecr = new EcrClient(Transport, Context);
        Logs = new LogsClient(Transport, Context);
        Factory = new AwsClientFactory(Registry, Transport, Metrics, HttpClients, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public AwsOptions Options { get; }
    public ObservableTimeProvider Time { get; } = new();
    public RecordingHttpHandler Http { get; }
    public FakeHttpClientFactory HttpClients { get; }
    public AwsCallMetrics Metrics { get; } = new();
    public AwsJsonTransport Transport { get; }
    public ConnectionRegistry Registry { get; }
    public AwsConnection Connection { get; }
    public AwsRetryPolicy RetryPolicy { get; }
    public AwsClientContext Context { get; }
    public EcsClient Ecs { get; }
    public EcrClient Ecr { get; }
    public LogsClient Logs { get; }

    /// <summary>The production factory over the same handler (EC2 and STS go through AWSSDK here).</summary>
    public AwsClientFactory Factory { get; }

    public void Dispose() => Factory.Dispose();
}
