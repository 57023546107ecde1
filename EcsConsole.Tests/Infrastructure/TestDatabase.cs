using EcsConsole.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcsConsole.Tests.Infrastructure;

/// <summary>The app's real schema in an in-memory SQLite database that lives as long as this object.</summary>
public sealed class TestDatabase : IDbContextFactory<EcsConsoleDbContext>, IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly DbContextOptions<EcsConsoleDbContext> _options;

    public TestDatabase()
    {
        _connection.Open();
        _options = new DbContextOptionsBuilder<EcsConsoleDbContext>().UseSqlite(_connection).Options;
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
    }

    public EcsConsoleDbContext CreateDbContext() => new(_options);

    public void Dispose() => _connection.Dispose();
}
