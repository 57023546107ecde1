using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EcsConsole.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server from Debian's packages (./test.sh installs `postgresql`): its own data
/// folder under /tmp, 127.0.0.1 on a free port, trust authentication, stopped and deleted on dispose.
/// As root (CI) it runs as the package's `postgres` user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "ecsconsole";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ecsconsole-pg-");
    private string _bin = "";
    private int _port;

    private string DataDir => Path.Combine(_folder.FullName, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault() ?? ""
            : "";
        if (_bin.Length == 0) throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh (it installs Debian's postgresql) or sudo apt-get install postgresql.");
        if (IsRoot) await RunAsync("chown", "-R", "postgres:postgres", _folder.FullName);
        _port = FreePort();
        await RunAsync(Path.Combine(_bin, "initdb"), "-D", DataDir, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8");
        await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDir, "-l", Path.Combine(_folder.FullName, "server.log"), "-w", "-t", "60",
            "-o", $"-p {_port} -k {_folder.FullName} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /// <summary>A new, empty database on this server.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "ecs_" + Guid.NewGuid().ToString("n")[..12];
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username={User};Database={database};Pooling=false";

    public async ValueTask DisposeAsync()
    {
        if (_port != 0 && File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDir, "-m", "immediate", "-w", "stop");
        }

        _folder.Delete(recursive: true);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(IsRoot && program != "chown" ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (IsRoot && program != "chown")
        {
            foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        }

        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
