using System.Globalization;
using EcsConsole.Core.Access;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace EcsConsole.Core.Schedules;

/// <summary>What a person asks for on the service page.</summary>
public sealed record ParkScheduleInput(IReadOnlySet<DayOfWeek> Nights, TimeOnly ParkAt, TimeOnly UnparkAt, bool Weekends, string TimeZone)
{
    /// <summary>"Weekdays 19:00–07:00 and weekends", UTC.</summary>
    public static ParkScheduleInput OfficeHours(string timeZone = "UTC")
        => new(ParkRule.Weekdays, new TimeOnly(19, 0), new TimeOnly(7, 0), true, timeZone);

    /// <summary>The time zone as given, or UTC when empty.</summary>
    public string Zone => string.IsNullOrWhiteSpace(TimeZone) ? "UTC" : TimeZone.Trim();

    /// <summary>The rule this input describes; null when the time zone is unknown.</summary>
    public ParkRule? Rule() => ParkRule.FindTimeZone(Zone) is { } zone ? new ParkRule(Nights, ParkAt, UnparkAt, Weekends, zone) : null;
}

/// <summary>Sets and removes park schedules (ScaleServices, audited); the <see cref="ParkScheduler"/> carries them out.</summary>
public sealed class ParkScheduleService(IDbContextFactory<EcsConsoleDbContext> dbFactory, CommandRunner runner, SchedulerSignal signal, TimeProvider time)
{
    public Task<CommandResult<ParkSchedule>> SetAsync(
        ConsoleUser actor, AwsTarget target, string cluster, string service, ParkScheduleInput input, CancellationToken ct)
    {
        var tz = input.Zone;
        var rule = input.Rule();
        var request = new CommandRequest(actor, ConsolePermission.ScaleServices, "SetParkSchedule", target, $"{cluster}/{service}",
            new Dictionary<string, string> { ["schedule"] = rule?.Summary() ?? $"time zone {tz}" });
        return runner.RunAsync(request, async c =>
        {
            if (string.IsNullOrWhiteSpace(cluster) || string.IsNullOrWhiteSpace(service)) throw new CommandRejectedException("Choose the service to schedule.");
            if (ParkRule.Validate(input.Nights, input.ParkAt, input.UnparkAt, input.Weekends, tz) is { } problem) throw new CommandRejectedException(problem);
            await using var db = await dbFactory.CreateDbContextAsync(c).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var row = await Query(db, target, cluster, service).FirstOrDefaultAsync(c).ConfigureAwait(false);
            if (row is null)
            {
                row = new ParkSchedule
                {
                    Connection = target.Connection, Region = target.Region, Cluster = cluster, Service = service,
                    CreatedAt = now, AppliedState = ParkState.Running,
                };
                db.Add(row);
            }

            row.NightsMask = ParkSchedule.MaskOf(input.Nights);
            row.ParkAtMinutes = (int)input.ParkAt.ToTimeSpan().TotalMinutes;
            row.UnparkAtMinutes = (int)input.UnparkAt.ToTimeSpan().TotalMinutes;
            row.Weekends = input.Weekends;
            row.TimeZone = rule!.TimeZone.Id;
            row.SetBy = actor.Name;
            row.SetById = actor.Id;
            row.UpdatedAt = now;
            row.Attempts = 0;
            row.NextAttemptAt = null;
            row.LastError = null;
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            signal.Notify();
            return row;
        }, s => $"{s.Service}: {s.Rule?.Summary() ?? "schedule saved"}." + (s.Rule?.StateAt(time.GetUtcNow()) == ParkState.Parked && s.AppliedState != ParkState.Parked
            ? " It is within the parked hours now, so the service is parked (scaled to 0) within a minute."
            : ""), ct);
    }

    public Task<CommandResult<bool>> RemoveAsync(ConsoleUser actor, AwsTarget target, string cluster, string service, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.ScaleServices, "RemoveParkSchedule", target, $"{cluster}/{service}");
        return runner.RunAsync(request, async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c).ConfigureAwait(false);
            var removed = await Query(db, target, cluster, service).ExecuteDeleteAsync(c).ConfigureAwait(false);
            if (removed == 0) throw new CommandRejectedException($"{service} has no park schedule.");
            signal.Notify();
            return true;
        }, _ => $"{service} has no park schedule any more; it stays as it is now.", ct);
    }

    public async Task<ParkSchedule?> GetAsync(AwsTarget target, string cluster, string service, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await Query(db, target, cluster, service).AsNoTracking().FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    /// <summary>"Parks Fri 19:00 (in 3 h)" style text for the next change, or null.</summary>
    public static string? NextText(ParkSchedule schedule, DateTimeOffset now)
    {
        if (schedule.Rule is not { } rule || rule.NextTransition(now) is not { } next) return null;
        var local = TimeZoneInfo.ConvertTime(next.At, rule.TimeZone);
        var verb = next.To == ParkState.Parked ? "Parks" : "Unparks";
        return string.Create(CultureInfo.InvariantCulture, $"{verb} {local:ddd HH:mm} {rule.TimeZone.Id}");
    }

    private static IQueryable<ParkSchedule> Query(EcsConsoleDbContext db, AwsTarget target, string cluster, string service)
        => db.Set<ParkSchedule>().Where(s => s.Connection == target.Connection && s.Region == target.Region && s.Cluster == cluster && s.Service == service);
}
