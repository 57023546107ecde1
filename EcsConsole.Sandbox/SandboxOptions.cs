namespace EcsConsole.Sandbox;

/// <summary>The simulated AWS account that runs inside the app when no real account is configured.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Start the sandbox in-process and add a "sandbox" connection.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Loopback port of the simulated endpoint (4566 is the port local AWS emulators use; 0 = any free port).</summary>
    public int Port { get; set; } = 4566;

    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "123456789012";
}
