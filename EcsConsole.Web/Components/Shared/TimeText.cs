namespace EcsConsole.Web.Components.Shared;

/// <summary>Durations and times as people read them ("3 min ago", "1 h 12 min").</summary>
public static class TimeText
{
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalSeconds < 60) return $"{(int)span.TotalSeconds} s";
        if (span.TotalMinutes < 60) return $"{(int)span.TotalMinutes} min";
        if (span.TotalHours < 24) return $"{(int)span.TotalHours} h {span.Minutes} min";
        return $"{(int)span.TotalDays} d {span.Hours} h";
    }

    public static string Ago(TimeSpan span) => span.TotalSeconds < 5 ? "just now" : $"{Duration(span)} ago";

    public static string Local(DateTimeOffset? at) => at is null ? "–" : at.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");
}
