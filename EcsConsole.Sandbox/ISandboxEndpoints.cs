namespace EcsConsole.Sandbox;

/// <summary>
/// Where the sandbox can be reached, for the console's links: the AWS endpoint itself, and the
/// loopback URL that stands in for a task's public IP and port (203.0.113.x does not route).
/// </summary>
public interface ISandboxEndpoints
{
    /// <summary>The simulated AWS endpoint, e.g. http://127.0.0.1:4566/.</summary>
    Uri BaseUrl { get; }

    /// <summary>The local URL serving what <c>http://{publicIp}:{port}/</c> would serve, or null when no running task has that address.</summary>
    Task<Uri?> GetAppUrlAsync(string publicIp, int port, CancellationToken ct);
}
