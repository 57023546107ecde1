using EcsConsole.Core.Access;
using EcsConsole.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;

namespace EcsConsole.Tests.Core.Access;

/// <summary>
/// Core's storage, audit, command runner and accounts over a SQLite file in a temporary folder, with
/// a fake clock. A second host over the same folder sees what the first one left (a "restart").
/// </summary>
public sealed class AccessTestHost : IAsyncDisposable
{
    private AccessTestHost(ServiceProvider services, string dataPath, FakeTimeProvider time)
    {
        Services = services;
        DataPath = dataPath;
        Time = time;
    }

    public ServiceProvider Services { get; }

    public string DataPath { get; }

    public FakeTimeProvider Time { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<AccessTestHost> StartAsync(string? dataPath = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        dataPath ??= Path.Combine(Path.GetTempPath(), "ecsconsole-tests", Guid.NewGuid().ToString("n"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = dataPath })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddLogging();
        services.AddEcsConsoleStorage(configuration, new HostingEnvironment { ContentRootPath = dataPath, EnvironmentName = "Testing" });
        services.AddEcsConsoleAccounts();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        await provider.GetRequiredService<AccountSetup>().EnsureRolesAsync(CancellationToken.None);
        return new AccessTestHost(provider, dataPath, time);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
