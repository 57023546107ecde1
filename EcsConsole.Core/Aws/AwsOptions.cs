namespace EcsConsole.Core.Aws;

/// <summary>AWS settings: named connections plus retry and timeout policy.</summary>
public sealed class AwsOptions
{
    public const string SectionName = "Aws";

    /// <summary>Connection shown first; defaults to the sandbox when it runs, else the first configured.</summary>
    public string? DefaultConnection { get; set; }

    public List<ConnectionOptions> Connections { get; set; } = [];

    /// <summary>Attempts per call including the first (AWS standard mode uses 3).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Longest a single attempt may take before it counts as a timeout.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on one backoff delay (AWS standard mode caps at 20 s).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retry budget per connection (AWS standard mode: 500 tokens).</summary>
    public int RetryQuota { get; set; } = 500;
}

/// <summary>One named target: an AWS profile + region, optionally with an endpoint override.</summary>
public sealed class ConnectionOptions
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Named profile from the shared config/credentials files; empty = default chain.</summary>
    public string? Profile { get; set; }

    /// <summary>Region; empty = the default region chain (AWS_REGION, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>One URL used for every service (LocalStack, moto, the sandbox).</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>True for the built-in simulated account.</summary>
    public bool IsSandbox { get; set; }
}
