using System.Text.Json;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>A wizard draft kept on the server, so it survives a reload, a browser crash or another device.</summary>
public sealed class TaskDefinitionDraftRecord
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>Which wizard: "sandbox/us-east-1/new" or "sandbox/us-east-1/web:3".</summary>
    public string Key { get; set; } = "";

    public string Json { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TaskDefinitionDraftRecordConfiguration : IEntityTypeConfiguration<TaskDefinitionDraftRecord>
{
    public void Configure(EntityTypeBuilder<TaskDefinitionDraftRecord> builder)
    {
        builder.ToTable("TaskDefinitionDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.UserId).HasMaxLength(200);
        builder.Property(d => d.Key).HasMaxLength(600);
        builder.HasIndex(d => new { d.UserId, d.Key }).IsUnique();
    }
}

/// <summary>A saved draft as the wizard offers it back.</summary>
public sealed record SavedDraft(string Key, TaskDefinitionDraft Draft, DateTimeOffset UpdatedAt);

public sealed class TaskDefinitionDraftStore(IDbContextFactory<EcsConsoleDbContext> dbFactory, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string KeyFor(string connection, string region, string? basedOn) => $"{connection}/{region}/{basedOn ?? "new"}";

    public async Task SaveAsync(string userId, string key, TaskDefinitionDraft draft, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(draft, Json);
        var record = await db.Set<TaskDefinitionDraftRecord>().FirstOrDefaultAsync(d => d.UserId == userId && d.Key == key, ct).ConfigureAwait(false);
        if (record is null)
        {
            record = new TaskDefinitionDraftRecord { UserId = userId, Key = key };
            db.Add(record);
        }

        record.Json = json;
        record.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    public async Task<SavedDraft?> LoadAsync(string userId, string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var record = await db.Set<TaskDefinitionDraftRecord>().AsNoTracking()
            .FirstOrDefaultAsync(d => d.UserId == userId && d.Key == key, ct).ConfigureAwait(false);
        if (record is null) return null;
        try
        {
            return JsonSerializer.Deserialize<TaskDefinitionDraft>(record.Json, Json) is { } draft
                ? new SavedDraft(record.Key, draft, record.UpdatedAt)
                : null;
        }
        catch (JsonException)
        {
            // A draft saved by an older version that no longer reads is dropped rather than breaking the wizard.
            return null;
        }
    }

    public async Task DeleteAsync(string userId, string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.Set<TaskDefinitionDraftRecord>().Where(d => d.UserId == userId && d.Key == key).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }
}
