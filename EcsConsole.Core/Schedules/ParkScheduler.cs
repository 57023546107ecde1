using EcsConsole.Core.Access;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Services;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Schedules;

/// <summary>
/// Parks and unparks services when their schedule says so, through <see cref="ServiceManager"/> as the
/// system acting for the person who set the schedule (audited like any park). It acts on changes: when the
/// wanted state differs from what it last applied. So a person who unparks a service by hand in the night
/// keeps it running until the schedule's next change. State lives in the database (restarts lose nothing);
/// a failed park/unpark is retried with a doubling delay.
/// </summary>
public sealed class ParkScheduler(
    IDbContextFactory<EcsConsoleDbContext> dbFactory,
    ServiceManager services,
    SchedulerSignal signal,
    IOptions<ParkScheduleOptions> options,
    TimeProvider time,
    ILogger<ParkScheduler> logger) : SchedulerLoop(signal, time, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    /// <summary>Applies every schedule whose wanted state changed; returns the next moment something is due.</summary>
    public override async Task<DateTimeOffset?> RunDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var schedules = await db.Set<ParkSchedule>().ToListAsync(ct).ConfigureAwait(false);
        DateTimeOffset? next = null;
        foreach (var schedule in schedules)
        {
            var now = Time.GetUtcNow();
            if (schedule.Rule is not { } rule)
            {
                schedule.LastError = $"Unknown time zone {schedule.TimeZone} on this machine.";
                continue;
            }

            var wanted = rule.StateAt(now);
            if (wanted != schedule.AppliedState && (schedule.NextAttemptAt is null || schedule.NextAttemptAt <= now))
            {
                await ApplyAsync(schedule, wanted, ct).ConfigureAwait(false);
            }

            var due = schedule.AppliedState != wanted ? schedule.NextAttemptAt : rule.NextTransition(now)?.At;
            if (due is { } d && (next is null || d < next)) next = d;
        }

        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        return next;
    }

    private async Task ApplyAsync(ParkSchedule schedule, ParkState wanted, CancellationToken ct)
    {
        var actor = ConsoleUser.System(schedule.SetBy);
        var target = new AwsTarget(schedule.Connection, schedule.Region);
        var result = wanted == ParkState.Parked
            ? await services.ParkAsync(actor, target, schedule.Cluster, schedule.Service, ct).ConfigureAwait(false)
            : await services.UnparkAsync(actor, target, schedule.Cluster, schedule.Service, ct).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        if (result.Succeeded)
        {
            schedule.AppliedState = wanted;
            schedule.LastActionAt = now;
            schedule.LastMessage = result.Message;
            schedule.LastError = null;
            schedule.Attempts = 0;
            schedule.NextAttemptAt = null;
            Logger.LogInformation("Park schedule {Id}: {Service} {State}: {Message}", schedule.Id, schedule.Service, wanted, result.Message);
            return;
        }

        schedule.Attempts++;
        schedule.LastError = result.Message;
        var o = options.Value;
        schedule.NextAttemptAt = now + Backoff.Delay(schedule.Attempts, o.RetryDelay, o.MaxRetryDelay);
        Logger.LogWarning("Park schedule {Id}: {State} of {Service} failed ({Message}); retrying at {Next}",
            schedule.Id, wanted, schedule.Service, result.Message, schedule.NextAttemptAt);
    }
}
