namespace EcsConsole.Core.Aws;

/// <summary>Everything one client needs to call AWS: the connection, the region and the retry budget.</summary>
public sealed record AwsClientContext(AwsConnection Connection, string Region, AwsRetryPolicy RetryPolicy, TimeSpan CallTimeout);
