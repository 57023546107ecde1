using System.Runtime.CompilerServices;
using System.Text.Json;
using EcsConsole.Core.Access;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace EcsConsole.Core.Audit;

/// <summary>Filters for the Activity page and per-resource activity.</summary>
public sealed record AuditQuery(
    string? UserName = null,
    string? Action = null,
    string? Resource = null,
    AuditOutcome? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 500);

/// <summary>
/// The audit trail. An entry is written before the AWS call and completed after it, so a crash
/// leaves an Unfinished entry rather than nothing.
/// </summary>
public sealed class AuditLog(IDbContextFactory<EcsConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<long> BeginAsync(
        ConsoleUser actor, string action, string connection, string region, string resource,
        IReadOnlyDictionary<string, string>? parameters, string? reason, CancellationToken ct)
    {
        var entry = new AuditEntry
        {
            StartedAt = time.GetUtcNow(),
            UserId = actor.Id,
            UserName = actor.Name,
            ClientIp = actor.ClientIp,
            Action = action,
            Connection = connection,
            Region = region,
            Resource = resource,
            Parameters = parameters is { Count: > 0 } ? JsonSerializer.Serialize(parameters) : null,
            Reason = reason,
            Outcome = AuditOutcome.Unfinished,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        db.Set<AuditEntry>().Add(entry);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return entry.Id;
    }

    public async Task CompleteAsync(long id, AuditOutcome outcome, string? error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var entry = await db.Set<AuditEntry>().FindAsync([id], ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Audit entry {id} does not exist.");
        entry.Outcome = outcome;
        entry.Error = error;
        entry.CompletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await Filter(db, query).Take(query.Limit).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Every matching entry, newest first, read as it is written out (the CSV export); ignores the limit.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await foreach (var entry in Filter(db, query).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false)) yield return entry;
    }

    private static IQueryable<AuditEntry> Filter(EcsConsoleDbContext db, AuditQuery query)
    {
        IQueryable<AuditEntry> q = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.UserName)) q = q.Where(e => e.UserName.Contains(query.UserName));
        if (!string.IsNullOrWhiteSpace(query.Action)) q = q.Where(e => e.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.Resource)) q = q.Where(e => e.Resource.Contains(query.Resource));
        if (query.Outcome is { } outcome) q = q.Where(e => e.Outcome == outcome);
        if (query.From is { } from) q = q.Where(e => e.StartedAt >= from);
        if (query.To is { } to) q = q.Where(e => e.StartedAt <= to);
        return q.OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id);
    }
}
