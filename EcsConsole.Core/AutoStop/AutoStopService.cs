using System.Globalization;
using EcsConsole.Core.Access;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.AutoStop;

/// <summary>Sets, extends and clears auto-stop timers (SetTimers, audited) and reads them for the pages.</summary>
public sealed class AutoStopService(
    IDbContextFactory<EcsConsoleDbContext> dbFactory,
    CommandRunner runner,
    SchedulerSignal signal,
    IOptions<AutoStopOptions> options,
    TimeProvider time)
{
    /// <summary>Why this timer cannot be set, or null when it can (shown at the field before anything runs).</summary>
    public string? Validate(string cluster, string taskArn, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(cluster)) return "Choose the cluster of the task.";
        if (!IsTaskArn(taskArn)) return "An auto-stop timer needs the task's full ARN (arn:aws:ecs:…:task/…).";
        if (expiresAt <= now) return "Choose a time in the future.";
        if (expiresAt - now > options.Value.MaxTimeToLive)
        {
            return $"A timer can be at most {Describe(options.Value.MaxTimeToLive)} away.";
        }

        return null;
    }

    public static bool IsTaskArn(string? arn)
        => arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":task/", StringComparison.Ordinal)
           && !arn.EndsWith('/');

    /// <summary>Sets the task's timer (replacing a pending one: there is at most one per task).</summary>
    public Task<CommandResult<AutoStopTimer>> SetAsync(
        ConsoleUser actor, AwsTarget target, string cluster, string taskArn, DateTimeOffset expiresAt, string? reason, CancellationToken ct)
    {
        var request = Request(actor, "SetAutoStop", target, cluster, taskArn, expiresAt, reason);
        return runner.RunAsync(request, async c =>
        {
            if (Validate(cluster, taskArn, expiresAt) is { } problem) throw new CommandRejectedException(problem);
            await using var db = await dbFactory.CreateDbContextAsync(c).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var timer = await PendingQuery(db, target.Connection, target.Region, taskArn).FirstOrDefaultAsync(c).ConfigureAwait(false);
            if (timer is null)
            {
                timer = new AutoStopTimer
                {
                    Connection = target.Connection,
                    Region = target.Region,
                    Cluster = cluster,
                    TaskArn = taskArn,
                    CreatedAt = now,
                    Status = AutoStopStatus.Pending,
                };
                db.Add(timer);
            }

            timer.ExpiresAt = expiresAt;
            timer.SetBy = actor.Name;
            timer.SetById = actor.Id;
            timer.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            timer.UpdatedAt = now;
            timer.Attempts = 0;
            timer.NextAttemptAt = null;
            timer.LastError = null;
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            signal.Notify();
            return timer;
        }, t => $"Task {t.TaskId} will be stopped at {Time(t.ExpiresAt)}.", ct);
    }

    /// <summary>Moves a pending timer later by <paramref name="by"/> (from its expiry, or from now if that has passed).</summary>
    public async Task<CommandResult<AutoStopTimer>> ExtendAsync(ConsoleUser actor, AwsTarget target, long timerId, TimeSpan by, CancellationToken ct)
    {
        var existing = await FindAsync(timerId, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var newExpiry = (existing is null ? now : existing.ExpiresAt > now ? existing.ExpiresAt : now) + by;
        var request = Request(actor, "ExtendAutoStop", target, existing?.Cluster ?? "", existing?.TaskArn ?? $"timer {timerId}", newExpiry, null);
        return await runner.RunAsync(request, async c =>
        {
            if (by <= TimeSpan.Zero) throw new CommandRejectedException("Extend by a positive amount of time.");
            await using var db = await dbFactory.CreateDbContextAsync(c).ConfigureAwait(false);
            var timer = await db.Set<AutoStopTimer>().FirstOrDefaultAsync(t => t.Id == timerId, c).ConfigureAwait(false);
            if (timer is null || timer.Connection != target.Connection || timer.Region != target.Region)
            {
                throw new CommandRejectedException("That auto-stop timer does not exist.");
            }

            if (timer.Status != AutoStopStatus.Pending) throw new CommandRejectedException($"That timer is already {timer.Status.ToString().ToLowerInvariant()}.");
            if (newExpiry - time.GetUtcNow() > options.Value.MaxTimeToLive)
            {
                throw new CommandRejectedException($"A timer can be at most {Describe(options.Value.MaxTimeToLive)} away.");
            }

            timer.ExpiresAt = newExpiry;
            timer.UpdatedAt = time.GetUtcNow();
            timer.Attempts = 0;
            timer.NextAttemptAt = null;
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            signal.Notify();
            return timer;
        }, t => $"Task {t.TaskId} will now be stopped at {Time(t.ExpiresAt)}.", ct).ConfigureAwait(false);
    }

    /// <summary>Removes a pending timer: the task keeps running.</summary>
    public async Task<CommandResult<AutoStopTimer>> ClearAsync(ConsoleUser actor, AwsTarget target, long timerId, CancellationToken ct)
    {
        var existing = await FindAsync(timerId, ct).ConfigureAwait(false);
        var request = Request(actor, "ClearAutoStop", target, existing?.Cluster ?? "", existing?.TaskArn ?? $"timer {timerId}", null, null);
        return await runner.RunAsync(request, async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c).ConfigureAwait(false);
            var timer = await db.Set<AutoStopTimer>().FirstOrDefaultAsync(t => t.Id == timerId, c).ConfigureAwait(false);
            if (timer is null || timer.Connection != target.Connection || timer.Region != target.Region)
            {
                throw new CommandRejectedException("That auto-stop timer does not exist.");
            }

            if (timer.Status != AutoStopStatus.Pending) throw new CommandRejectedException($"That timer is already {timer.Status.ToString().ToLowerInvariant()}.");
            timer.Status = AutoStopStatus.Cleared;
            timer.UpdatedAt = time.GetUtcNow();
            timer.CompletedAt = timer.UpdatedAt;
            timer.Outcome = $"Cleared by {actor.Name}.";
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            signal.Notify();
            return timer;
        }, t => $"Task {t.TaskId} will keep running: its auto-stop timer is cleared.", ct).ConfigureAwait(false);
    }

    public async Task<AutoStopTimer?> FindAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Set<AutoStopTimer>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
    }

    /// <summary>The task's latest timer (pending, or how the last one ended).</summary>
    public async Task<AutoStopTimer?> ForTaskAsync(string connection, string region, string taskArn, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Set<AutoStopTimer>().AsNoTracking()
            .Where(t => t.Connection == connection && t.Region == region && t.TaskArn == taskArn)
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Pending timers of a region (optionally one cluster), by task ARN.</summary>
    public async Task<IReadOnlyDictionary<string, AutoStopTimer>> PendingAsync(string connection, string region, string? cluster, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var q = db.Set<AutoStopTimer>().AsNoTracking()
            .Where(t => t.Connection == connection && t.Region == region && t.Status == AutoStopStatus.Pending);
        if (cluster is not null) q = q.Where(t => t.Cluster == cluster);
        var list = await q.ToListAsync(ct).ConfigureAwait(false);
        return list.GroupBy(t => t.TaskArn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Id)!, StringComparer.Ordinal);
    }

    private static IQueryable<AutoStopTimer> PendingQuery(EcsConsoleDbContext db, string connection, string region, string taskArn)
        => db.Set<AutoStopTimer>().Where(t => t.Connection == connection && t.Region == region && t.TaskArn == taskArn && t.Status == AutoStopStatus.Pending);

    private static CommandRequest Request(ConsoleUser actor, string action, AwsTarget target, string cluster, string taskArn, DateTimeOffset? expiresAt, string? reason)
    {
        var parameters = new Dictionary<string, string> { ["cluster"] = cluster, ["task"] = taskArn };
        if (expiresAt is { } e) parameters["expiresAt"] = e.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return new CommandRequest(actor, ConsolePermission.SetTimers, action, target, $"{cluster}/{taskArn[(taskArn.LastIndexOf('/') + 1)..]}", parameters, reason);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan span) => span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : $"{span.TotalHours:0.#} hours";
}
