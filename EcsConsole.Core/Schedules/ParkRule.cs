using System.Globalization;

namespace EcsConsole.Core.Schedules;

/// <summary>Whether a schedule wants its service parked or running.</summary>
public enum ParkState
{
    Running,
    Parked,
}

/// <summary>A moment a schedule changes its mind.</summary>
public sealed record ParkTransition(DateTimeOffset At, ParkState To);

/// <summary>
/// When a service sleeps: every night that starts on one of <see cref="Nights"/> from <see cref="ParkAt"/> to
/// <see cref="UnparkAt"/> (next morning when ParkAt is later than UnparkAt, else the same day), and, with
/// <see cref="Weekends"/>, all of Saturday and Sunday until Monday's UnparkAt. Times are wall-clock times
/// in <see cref="TimeZone"/>, so the window follows daylight saving time.
/// "Weekdays 19:00–07:00 and weekends" = Nights Mon–Fri, 19:00, 07:00, Weekends.
/// </summary>
public sealed record ParkRule(IReadOnlySet<DayOfWeek> Nights, TimeOnly ParkAt, TimeOnly UnparkAt, bool Weekends, TimeZoneInfo TimeZone)
{
    public static readonly IReadOnlySet<DayOfWeek> Weekdays = new HashSet<DayOfWeek>
        { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    /// <summary>Why the rule cannot be saved, or null.</summary>
    public static string? Validate(IReadOnlySet<DayOfWeek> nights, TimeOnly parkAt, TimeOnly unparkAt, bool weekends, string? timeZone)
    {
        if (nights.Count == 0 && !weekends) return "Choose at least one day, or weekends.";
        if (parkAt == unparkAt) return "The park and unpark times must differ.";
        if (FindTimeZone(timeZone) is null) return $"Unknown time zone \"{timeZone}\" (use an IANA name such as Europe/Berlin, or UTC).";
        return null;
    }

    public static TimeZoneInfo? FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Trim().Equals("UTC", StringComparison.OrdinalIgnoreCase)) return TimeZoneInfo.Utc;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var tz) ? tz : null;
    }

    public ParkState StateAt(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZone);
        var day = local.DayOfWeek;
        var t = TimeOnly.FromTimeSpan(local.TimeOfDay);
        if (Weekends && IsWeekend(day)) return ParkState.Parked;
        bool parked;
        if (ParkAt > UnparkAt)
        {
            // Overnight: this evening's window, or the tail of last night's (a weekend counts as the night before Monday).
            var previous = (DayOfWeek)(((int)day + 6) % 7);
            parked = (Nights.Contains(day) && t >= ParkAt) || ((Nights.Contains(previous) || (Weekends && IsWeekend(previous))) && t < UnparkAt);
        }
        else
        {
            parked = Nights.Contains(day) && t >= ParkAt && t < UnparkAt;
            if (Weekends && day == DayOfWeek.Monday && t < UnparkAt) parked = true;
        }

        return parked ? ParkState.Parked : ParkState.Running;
    }

    /// <summary>The next moment after <paramref name="after"/> when the wanted state changes (null when it never does).</summary>
    public ParkTransition? NextTransition(DateTimeOffset after)
    {
        var current = StateAt(after);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, TimeZone).DateTime);
        // The state can only change at ParkAt, UnparkAt or midnight (weekend edges), local time.
        var candidates = new List<DateTimeOffset>();
        for (var d = 0; d <= 8; d++)
        {
            var date = localDate.AddDays(d);
            foreach (var time in new[] { ParkAt, UnparkAt, TimeOnly.MinValue })
            {
                candidates.Add(ToUtc(date.ToDateTime(time)));
            }
        }

        foreach (var at in candidates.Where(c => c > after).Distinct().Order())
        {
            var state = StateAt(at);
            if (state != current) return new ParkTransition(at, state);
        }

        return null;
    }

    /// <summary>"Parked weekdays 19:00–07:00 and all weekend (UTC)".</summary>
    public string Summary()
    {
        var parts = new List<string>();
        if (Nights.Count > 0)
        {
            var days = Nights.SetEquals(Weekdays) ? "weekdays"
                : Nights.Count == 7 ? "every day"
                : string.Join(", ", Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Where(Nights.Contains)
                    .Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
            parts.Add($"{days} {ParkAt:HH\\:mm}–{UnparkAt:HH\\:mm}{(ParkAt > UnparkAt ? " (overnight)" : "")}");
        }

        if (Weekends) parts.Add("all weekend");
        return $"Parked {string.Join(" and ", parts)} ({TimeZone.Id})";
    }

    private static bool IsWeekend(DayOfWeek d) => d is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private DateTimeOffset ToUtc(DateTime local)
    {
        // A wall-clock time skipped by a DST jump happens "an hour later"; an ambiguous one at its first occurrence.
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        var offset = TimeZone.IsAmbiguousTime(unspecified) ? TimeZone.GetAmbiguousTimeOffsets(unspecified).Max() : TimeZone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }
}
