using EcsConsole.Core.Logs;

namespace EcsConsole.Web.Logs;

/// <summary>The viewer's time range choices and what each means for a given source.</summary>
public static class LogTimeRanges
{
    public const string WholeLife = "all";
    public const string Custom = "custom";

    public static IReadOnlyList<(string Key, string Label)> Choices(bool isTask) =>
    [
        .. isTask ? new[] { (WholeLife, "Whole task life") } : [],
        ("5m", "Last 5 minutes"),
        ("1h", "Last hour"),
        ("1d", "Last day"),
        (Custom, "Custom range"),
    ];

    /// <summary>The range to read; a null end means "then keep following".</summary>
    public static LogTimeRange Resolve(string key, LogViewerSource source, DateTimeOffset now, DateTimeOffset? customStart, DateTimeOffset? customEnd)
    {
        if (source.Stopped && key is WholeLife or "") return new LogTimeRange(null, now);
        return key switch
        {
            "5m" => new LogTimeRange(now.AddMinutes(-5), source.Stopped ? now : null),
            "1h" => new LogTimeRange(now.AddHours(-1), source.Stopped ? now : null),
            "1d" => new LogTimeRange(now.AddDays(-1), source.Stopped ? now : null),
            Custom => new LogTimeRange(customStart ?? now.AddHours(-1), customEnd ?? now),
            // The whole life of a running task is each stream from its head; a group has no "life", so an hour.
            _ => source.IsTask ? new LogTimeRange(null, null) : new LogTimeRange(now.AddHours(-1), null),
        };
    }
}
