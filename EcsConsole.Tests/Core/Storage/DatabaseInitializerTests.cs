using EcsConsole.Core.Audit;
using EcsConsole.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace EcsConsole.Tests.Core.Storage;

/// <summary>The schema comes from EF Core migrations: an upgrade keeps what the database holds.</summary>
public sealed class DatabaseInitializerTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ecsconsole-init-");

    private string DbFile => Path.Combine(_folder.FullName, "ecsconsole.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private ServiceProvider App(string? connectionString = null) => StorageHost.Build(_folder.FullName, DatabaseProvider.Sqlite, connectionString);

    private static Task StartAsync(ServiceProvider app) => StorageHost.StartAsync(app);

    private static Task<long> AuditAsync(ServiceProvider app, string action) => StorageHost.AuditAsync(app, action);

    [Fact]
    public void TheMigrationsOfBothProvidersDescribeTheCurrentModel()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "The model changed: add a SQLite migration (README, For developers).");
        Assert.False(postgres.Database.HasPendingModelChanges(), "The model changed: add a PostgreSQL migration (README, For developers).");
        Assert.Equal(sqlite.Database.GetMigrations().Select(Name), postgres.Database.GetMigrations().Select(Name));
    }

    private static string Name(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    [Fact]
    public async Task ANewDatabaseIsMigratedAndKeepsItsRowsAcrossARestart()
    {
        await using (var first = App())
        {
            await StartAsync(first);
            await AuditAsync(first, "RunTask");
        }

        await using var second = App();
        await StartAsync(second);

        await using var db = await second.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync(Ct);
        Assert.IsType<SqliteConsoleDbContext>(db);
        Assert.Equal("RunTask", Assert.Single(await db.Set<AuditEntry>().ToListAsync(Ct)).Action);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Empty(_folder.GetFiles("*.bak"));
    }

    [Fact]
    public async Task ADatabaseOfAnEarlierVersionIsUpgradedInPlaceAndKeepsItsRows()
    {
        await using (var old = App())
        {
            // The schema as the first release left it, with a row in it.
            await using (var db = await old.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync(Ct))
            {
                await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First(), Ct);
                Assert.Single(await db.Database.GetAppliedMigrationsAsync(Ct));
            }

            await AuditAsync(old, "StopTask");
        }

        await using var app = App();
        await StartAsync(app);

        await using var upgraded = await app.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync(Ct);
        Assert.True(upgraded.Database.GetMigrations().Count() > 1, "This test needs a second migration to upgrade to.");
        Assert.Equal(upgraded.Database.GetMigrations(), await upgraded.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal("StopTask", Assert.Single(await upgraded.Set<AuditEntry>().ToListAsync(Ct)).Action);
        Assert.Empty(_folder.GetFiles("*.bak"));
    }

    [Fact]
    public async Task ADatabaseFromBeforeMigrationsIsKeptAsideWithItsRowsAndANewOneIsCreated()
    {
        await using (var old = App())
        {
            // What builds before migrations did: the schema straight from the model.
            await using (var db = await old.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync(Ct))
            {
                await db.Database.EnsureCreatedAsync(Ct);
            }

            await AuditAsync(old, "StopTask");
        }

        SqliteConnection.ClearAllPools();
        await using var app = App();
        await StartAsync(app);

        var backup = Assert.Single(_folder.GetFiles("ecsconsole.db.*.bak"));
        await using (var kept = new SqliteConnection($"Data Source={backup.FullName};Mode=ReadOnly;Pooling=False"))
        {
            await kept.OpenAsync(Ct);
            await using var count = kept.CreateCommand();
            count.CommandText = "SELECT count(*) FROM AuditEntries WHERE Action = 'StopTask'";
            Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
        }

        await using var db2 = await app.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync(Ct);
        Assert.Empty(await db2.Set<AuditEntry>().ToListAsync(Ct));
        Assert.NotEmpty(await db2.Database.GetAppliedMigrationsAsync(Ct));
    }

    [Fact]
    public async Task AConfiguredDatabaseFromBeforeMigrationsStopsTheStartWithASentenceAndIsLeftAlone()
    {
        var path = Path.Combine(_folder.FullName, "elsewhere.db");
        var connectionString = $"Data Source={path}";
        await using var app = App(connectionString);
        await using (var db = await app.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Database.EnsureCreatedAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(app));

        Assert.Contains("cannot be upgraded in place", error.Message);
        Assert.Contains("Storage:ConnectionString", error.Message);
        Assert.True(File.Exists(path));
        Assert.Empty(_folder.GetFiles("*.bak"));
    }
}

/// <summary>The app's storage services over a folder, registered as Program.cs does, and started as the host starts them.</summary>
internal static class StorageHost
{
    public static ServiceProvider Build(string folder, DatabaseProvider provider, string? connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = folder,
            ["Storage:Provider"] = provider.ToString(),
            ["Storage:ConnectionString"] = connectionString,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddEcsConsoleStorage(configuration, new HostingEnvironment { ContentRootPath = folder });
        return services.BuildServiceProvider();
    }

    public static async Task StartAsync(ServiceProvider app)
    {
        foreach (var hosted in app.GetServices<IHostedService>()) await hosted.StartAsync(TestContext.Current.CancellationToken);
    }

    public static Task<long> AuditAsync(ServiceProvider app, string action)
        => app.GetRequiredService<AuditLog>().BeginAsync(new EcsConsole.Core.Access.ConsoleUser("u-1", "ada@example.com", EcsConsole.Core.Access.ConsoleRole.Admin),
            action, "sandbox", "us-east-1", "cluster/demo", null, null, TestContext.Current.CancellationToken);
}
