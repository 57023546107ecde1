using System.Globalization;

namespace EcsConsole.Core.AutoStop;

/// <summary>A person's "stop after 2 h" or "stop at 18:00" (wall-clock time in their time zone).</summary>
public sealed record TimeToLive(TimeSpan? After, TimeOnly? At)
{
    /// <summary>The choices offered first.</summary>
    public static readonly IReadOnlyList<TimeSpan> Presets =
        [TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromDays(1)];

    public static TimeToLive For(TimeSpan after) => new(after, null);

    public static TimeToLive Until(TimeOnly at) => new(null, at);

    /// <summary>"18:00" or "6:30" as a time of day, or null.</summary>
    public static TimeOnly? ParseTime(string? text)
        => TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>When the task should stop: now + After, or the next time the clock in <paramref name="zone"/> shows At (today, else tomorrow).</summary>
    public DateTimeOffset? ExpiresAt(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (After is { } after) return after > TimeSpan.Zero ? now + after : null;
        if (At is not { } at) return null;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = 0; day <= 2; day++)
        {
            var wall = DateOnly.FromDateTime(local.DateTime).AddDays(day).ToDateTime(at, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
            var candidate = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (candidate > now) return candidate.ToUniversalTime();
        }

        return null;
    }

    public static string Describe(TimeSpan span)
        => span.TotalDays >= 1 && span.TotalHours % 24 == 0 ? $"{span.TotalDays:0} day{(span.TotalDays == 1 ? "" : "s")}"
            : span.TotalHours >= 1 && span.TotalMinutes % 60 == 0 ? $"{span.TotalHours:0} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{span.TotalMinutes:0} min";
}
