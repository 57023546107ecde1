using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Storage;

/// <summary>
/// The database as SQLite sees it. The model is <see cref="EcsConsoleDbContext"/>'s; the type exists so
/// that each provider has its own migrations (SQL differs between SQLite and PostgreSQL).
/// </summary>
public sealed class SqliteConsoleDbContext(DbContextOptions<EcsConsoleDbContext> options) : EcsConsoleDbContext(options);

/// <summary>The database as PostgreSQL sees it (see <see cref="SqliteConsoleDbContext"/>).</summary>
public sealed class PostgresConsoleDbContext(DbContextOptions<EcsConsoleDbContext> options) : EcsConsoleDbContext(options);

/// <summary>Creates the context of the configured provider, so that migrations and the model match the database.</summary>
public sealed class ConsoleDbContextFactory(DbContextOptions<EcsConsoleDbContext> options, IOptions<StorageOptions> storage)
    : IDbContextFactory<EcsConsoleDbContext>
{
    public EcsConsoleDbContext CreateDbContext() => storage.Value.Provider == DatabaseProvider.Postgres
        ? new PostgresConsoleDbContext(options)
        : new SqliteConsoleDbContext(options);
}

/// <summary>For `dotnet ef migrations add … --context SqliteConsoleDbContext` (see the README's developer notes).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConsoleDbContext>
{
    public SqliteConsoleDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<EcsConsoleDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For `dotnet ef migrations add … --context PostgresConsoleDbContext`; no server is needed to add a migration.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConsoleDbContext>
{
    public PostgresConsoleDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<EcsConsoleDbContext>().UseNpgsql("Host=localhost;Database=ecsconsole").Options);
}
