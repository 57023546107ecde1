using System.Diagnostics;

namespace EcsConsole.Tests.Sandbox;

/// <summary>The compose file a newcomer runs must be one Debian's docker-compose (1.29) accepts.</summary>
public sealed class DockerComposeTests
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EcsConsole.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (EcsConsole.sln) was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task DockerComposeConfigAcceptsTheComposeFile()
    {
        var root = RepositoryRoot();
        var compose = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists);
        Assert.True(compose is not null, "docker-compose is not installed: install Debian's docker-compose package (./test.sh does) to validate docker-compose.yml.");
        var start = new ProcessStartInfo(compose) { WorkingDirectory = root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-f", "docker-compose.yml", "config", "-q" }) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"docker-compose config failed: {await stderr}");
        Assert.True(File.Exists(Path.Combine(root, "EcsConsole.Web", "Dockerfile")), "docker-compose.yml builds EcsConsole.Web/Dockerfile, which is missing.");
    }
}
