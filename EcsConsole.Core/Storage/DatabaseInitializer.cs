using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Storage;

/// <summary>
/// Brings the database to the app's schema on start with EF Core migrations (one set per provider, in
/// Storage/Migrations), so an upgrade keeps history, audit entries, timers and accounts. A database made
/// by a build from before migrations (tables, but no migration history) cannot be upgraded in place: a
/// SQLite file in the data folder is kept aside as a backup and a new one is created; any other database
/// stops the start with a sentence saying what to do.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<EcsConsoleDbContext> dbFactory,
    IOptions<StorageOptions> options,
    DataFolder folder,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await IsFromBeforeMigrationsAsync(db, cancellationToken).ConfigureAwait(false))
            {
                if (options.Value.Provider != DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(options.Value.ConnectionString))
                {
                    throw new InvalidOperationException(
                        "The database in Storage:ConnectionString holds EcsConsole tables without a migration history (made by a build " +
                        "from before migrations), so it cannot be upgraded in place. Back it up, then point Storage:ConnectionString at an empty database.");
                }

                var dbFile = folder.File("ecsconsole.db");
                var backup = $"{dbFile}.{time.GetUtcNow():yyyyMMddHHmmss}.bak";
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Move(dbFile, backup);
                logger.LogWarning("The database was made before schema migrations existed; it was moved to {Backup} and a new one is created", backup);
            }
        }

        // A new context: the moved file must not be reused through the old one's connection.
        await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await fresh.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        await fresh.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0) logger.LogInformation("Database schema migrated: {Migrations}", string.Join(", ", pending));

        // The model stamp of builds before migrations is no longer used.
        var stamp = folder.File("ecsconsole.db.model");
        if (File.Exists(stamp)) File.Delete(stamp);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<bool> IsFromBeforeMigrationsAsync(EcsConsoleDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct).ConfigureAwait(false) || !await creator.HasTablesAsync(ct).ConfigureAwait(false)) return false;
        return !(await db.Database.GetAppliedMigrationsAsync(ct).ConfigureAwait(false)).Any();
    }
}
