using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Storage;

/// <summary>
/// Creates the schema on start. The schema is created from the model (no migrations yet); when the
/// model of a SQLite database has changed since it was created, the old file is kept aside as a
/// backup and a new one is created, so an upgraded app always starts.
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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.Value.ConnectionString))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(db.Model.ToDebugString())))[..16];
            var stamp = folder.File("ecsconsole.db.model");
            var dbFile = folder.File("ecsconsole.db");
            if (File.Exists(dbFile) && (!File.Exists(stamp) || await File.ReadAllTextAsync(stamp, cancellationToken).ConfigureAwait(false) != hash))
            {
                var backup = $"{dbFile}.{time.GetUtcNow():yyyyMMddHHmmss}.bak";
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Move(dbFile, backup);
                logger.LogWarning("The database schema changed; the old database was moved to {Backup}", backup);
            }

            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(stamp, hash, cancellationToken).ConfigureAwait(false);
            return;
        }

        await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
