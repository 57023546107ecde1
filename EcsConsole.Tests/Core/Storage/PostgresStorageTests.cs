using EcsConsole.Core.Audit;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Storage;
using EcsConsole.Tests.Core.Running;
using EcsConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Storage;

/// <summary>Storage:Provider=Postgres against a real PostgreSQL (Debian's), through the app's own registration and migrations.</summary>
public sealed class PostgresStorageTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ecsconsole-pg-app-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task AnEmptyDatabaseIsMigratedAndKeepsItsRowsAcrossARestart()
    {
        var cs = await server.CreateDatabaseAsync();
        await using (var first = StorageHost.Build(_folder.FullName, DatabaseProvider.Postgres, cs))
        {
            await StorageHost.StartAsync(first);
            await StorageHost.AuditAsync(first, "RunTask");
        }

        await using var second = StorageHost.Build(_folder.FullName, DatabaseProvider.Postgres, cs);
        await StorageHost.StartAsync(second);

        await using var db = await second.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync(Ct);
        Assert.IsType<PostgresConsoleDbContext>(db);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal("RunTask", Assert.Single(await db.Set<AuditEntry>().ToListAsync(Ct)).Action);
    }

    [Fact]
    public async Task TheAuditTrailAndAutoStopTimersQueryByTimeOnPostgres()
    {
        var cs = await server.CreateDatabaseAsync();
        await using var app = StorageHost.Build(_folder.FullName, DatabaseProvider.Postgres, cs);
        await StorageHost.StartAsync(app);
        var db = app.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>();
        var time = new ObservableTimeProvider();
        var audit = new AuditLog(db, time);
        var runner = new CommandRunner(audit, NullLogger<CommandRunner>.Instance);
        var timers = new AutoStopService(db, runner, new SchedulerSignal(), Options.Create(new AutoStopOptions()), time);
        var target = new EcsConsole.Core.Commands.AwsTarget("prod", "eu-west-1");
        const string arn = "arn:aws:ecs:eu-west-1:123456789012:task/demo/0123456789abcdef0123456789abcdef";

        var set = await timers.SetAsync(RunningWorld.Operator, target, "demo", arn, time.GetUtcNow().AddMinutes(30), "demo ends at noon", Ct);
        time.Advance(TimeSpan.FromMinutes(1));
        var extended = await timers.ExtendAsync(RunningWorld.Operator, target, set.Value!.Id, TimeSpan.FromHours(1), Ct);

        Assert.True(extended.Succeeded, extended.Message);
        var pending = Assert.Single(await timers.PendingAsync("prod", "eu-west-1", "demo", Ct));
        Assert.Equal(time.GetUtcNow().AddMinutes(89), pending.Value.ExpiresAt);
        var trail = await audit.QueryAsync(new AuditQuery(From: time.GetUtcNow().AddSeconds(-30)), Ct);
        Assert.Equal(["ExtendAutoStop"], trail.Select(e => e.Action));
        Assert.Equal(["ExtendAutoStop", "SetAutoStop"], (await audit.QueryAsync(new AuditQuery(), Ct)).Select(e => e.Action));
    }
}
