using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EcsConsole.Tests.Infrastructure;

/// <summary>
/// The real web app (Program) with its own temporary data folder, deleted on dispose. Settings are
/// given as configuration keys, exactly as appsettings or the command line would give them.
/// </summary>
public sealed class EcsConsoleWebFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public string DataPath { get; } = Directory.CreateTempSubdirectory("ecsconsole-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataPath", DataPath);
        builder.UseSetting("Sandbox:Enabled", "false");
        builder.UseSetting("Sandbox:Port", "0");
        // Never the default http://localhost:5080: a test must not take a port someone else uses.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on some systems; a temp folder can stay.
        }
    }
}
