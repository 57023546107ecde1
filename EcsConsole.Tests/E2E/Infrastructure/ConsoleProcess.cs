using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EcsConsole.Tests.E2E.Infrastructure;

/// <summary>
/// The built EcsConsole.Web as a separate process (Kestrel and its sandbox on free loopback ports, a data
/// folder the test owns), for tests that end it the hard way. <see cref="Kill"/> sends SIGKILL to its pid.
/// </summary>
public sealed class ConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ConsoleProcess(Process process, Uri address, Uri sandbox)
    {
        _process = process;
        Address = address;
        Sandbox = sandbox;
    }

    public Uri Address { get; }

    public Uri Sandbox { get; }

    public string Output
    {
        get { lock (_output) return string.Join(Environment.NewLine, _output); }
    }

    /// <summary>Starts the app with these settings (as --Key=Value) and returns once /healthz answers.</summary>
    public static async Task<ConsoleProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(RepositoryRoot(), "EcsConsole.Web", "bin", BuildConfiguration(), "net10.0", "EcsConsole.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first (./test.sh does).", dll);
        var (port, sandboxPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        var all = new Dictionary<string, string>(settings)
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Sandbox:Port"] = sandboxPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:DataPath"] = dataPath,
        };
        foreach (var (key, value) in all) start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new ConsoleProcess(process, new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{sandboxPort}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitForHealthAsync();
        return app;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"EcsConsole exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                if ((await http.GetAsync(new Uri(Address, "healthz"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"EcsConsole did not answer /healthz within 90 s:{Environment.NewLine}{Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown code of the app runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EcsConsole.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("EcsConsole.sln not found above " + AppContext.BaseDirectory);
    }

    // …/EcsConsole.Tests/bin/<Configuration>/net10.0/
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
