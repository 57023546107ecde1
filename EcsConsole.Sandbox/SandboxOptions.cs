namespace EcsConsole.Sandbox;

/// <summary>The simulated AWS account that runs inside the app when no real account is configured.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Start the sandbox in-process and add a "sandbox" connection.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Loopback port of the simulated endpoint (4566 is the port local AWS emulators use; 0 = any free port).</summary>
    public int Port { get; set; } = 4566;

    /// <summary>Region that holds the seeded demo resources; other regions only have a default VPC.</summary>
    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "123456789012";

    /// <summary>Seed the demo cluster, service, task definition, repository and log group into an empty account.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Keep and reload the account's state from a JSON file under the data folder.</summary>
    public bool Persist { get; set; } = true;

    /// <summary>How long stopped tasks stay visible to ListTasks/DescribeTasks (AWS: about an hour).</summary>
    public TimeSpan StoppedTaskRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the state machines step at a time; also how often the background ticker runs.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    public SandboxLifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Time between two access-log lines written by a running container.</summary>
    public TimeSpan LogLineInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Serve the FastAPI stand-in on a loopback port per public IP of a running task.</summary>
    public bool ServeApps { get; set; } = true;

    public List<SandboxFaultRule> Faults { get; set; } = [];
}

/// <summary>How long each step of a Fargate task's life takes in the sandbox.</summary>
public sealed class SandboxLifecycleOptions
{
    public TimeSpan Provisioning { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan Pending { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan Activating { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Stopping { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan Deprovisioning { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a new deployment's tasks must stay RUNNING before the old tasks are stopped and the
    /// rollout completes (so a crash-looping revision trips the circuit breaker instead of completing).
    /// </summary>
    public TimeSpan Stabilization { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a container whose image tag is <c>crash</c> runs before exiting with code 1.</summary>
    public TimeSpan CrashAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Answers a share of the matching requests with an error, and/or delays them. Service is
/// <c>ecs</c>, <c>ecr</c>, <c>logs</c>, <c>ec2</c>, <c>sts</c> or <c>*</c>; Operation an API name or <c>*</c>.
/// </summary>
public sealed class SandboxFaultRule
{
    public string Service { get; set; } = "*";

    public string Operation { get; set; } = "*";

    /// <summary>Share (0–1) of matching requests answered with the service's throttling error.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share (0–1) of matching requests answered with a 5xx error.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Delay added to every matching request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Stop injecting errors after this many (null = never stop).</summary>
    public int? Limit { get; set; }
}
