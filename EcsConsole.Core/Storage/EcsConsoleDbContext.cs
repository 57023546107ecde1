using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EcsConsole.Core.Storage;

/// <summary>
/// The app's own database: history, audit, timers, drafts, and the local accounts (Identity's
/// tables live here too, so one database holds everything). Times are stored as UTC.
/// </summary>
public class EcsConsoleDbContext(DbContextOptions<EcsConsoleDbContext> options)
    : IdentityDbContext<ConsoleAccount, IdentityRole, string>(options)
{
    public DbSet<TaskDefinitions.TaskDefinitionDraftRecord> TaskDefinitionDrafts => Set<TaskDefinitions.TaskDefinitionDraftRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; UTC ticks keep both providers exact.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EcsConsoleDbContext).Assembly);
    }
}

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
