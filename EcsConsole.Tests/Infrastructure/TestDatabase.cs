using EcsConsole.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcsConsole.Tests.Infrastructure;

/// <summary>
/// The app's real schema in a SQLite file of its own (deleted on dispose). Every context opens its own
/// connection, as in the app: code under test that reads while another part writes (a scheduler pass
/// next to a command's audit entry) must not share one connection, which SQLite does not allow.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<EcsConsoleDbContext>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ecsconsole-test-db-");

    public TestDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.FullName, "ecsconsole.db") }.ToString();
        Options = new DbContextOptionsBuilder<EcsConsoleDbContext>().UseSqlite(ConnectionString).Options;
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
    }

    public string ConnectionString { get; }

    public DbContextOptions<EcsConsoleDbContext> Options { get; }

    public EcsConsoleDbContext CreateDbContext() => new(Options);

    public void Dispose()
    {
        using (var connection = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(connection);
        _folder.Delete(recursive: true);
    }
}
