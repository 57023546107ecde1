using System.Text.Json;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.Logs;

/// <summary>How one person likes the log viewer; kept server-side per user so it follows them to any browser.</summary>
public sealed record LogViewerSettings(bool Utc = false, bool Wrap = true, bool OnlyMatching = false, string Range = "live")
{
    public static LogViewerSettings Default { get; } = new();
}

/// <summary>The stored row: one per user, the settings as JSON so new settings need no schema change.</summary>
public sealed class LogViewerSettingsEntry
{
    public string UserId { get; set; } = "";
    public string Json { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class LogViewerSettingsEntryConfiguration : IEntityTypeConfiguration<LogViewerSettingsEntry>
{
    public void Configure(EntityTypeBuilder<LogViewerSettingsEntry> builder)
    {
        builder.ToTable("LogViewerSettings");
        builder.HasKey(e => e.UserId);
        builder.Property(e => e.UserId).HasMaxLength(200);
        builder.Property(e => e.Json).HasMaxLength(4000);
    }
}

public sealed class LogViewerSettingsStore(IDbContextFactory<EcsConsoleDbContext> dbFactory, TimeProvider clock)
{
    public async Task<LogViewerSettings> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entry = await db.Set<LogViewerSettingsEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (entry is null) return LogViewerSettings.Default;
        try
        {
            return JsonSerializer.Deserialize<LogViewerSettings>(entry.Json) ?? LogViewerSettings.Default;
        }
        catch (JsonException)
        {
            // Settings are a convenience: an unreadable row falls back to the defaults rather than breaking the page.
            return LogViewerSettings.Default;
        }
    }

    public async Task SaveAsync(string userId, LogViewerSettings settings, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var set = db.Set<LogViewerSettingsEntry>();
        var entry = await set.FirstOrDefaultAsync(e => e.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            entry = new LogViewerSettingsEntry { UserId = userId };
            set.Add(entry);
        }

        entry.Json = JsonSerializer.Serialize(settings);
        entry.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
