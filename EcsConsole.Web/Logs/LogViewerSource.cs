using EcsConsole.Core.Logs;

namespace EcsConsole.Web.Logs;

/// <summary>One thing a viewer reads: a reader key (without filter) and the tags of its streams.</summary>
public sealed record LogFeed(LogTailKey Key, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// What a <c>LogViewer</c> shows: its feeds (one per log group and region), containers that cannot be
/// read with the reason why, and how its history is bounded.
/// </summary>
/// <param name="LifeStart">When the task started: "whole life" begins here.</param>
/// <param name="Stopped">A stopped task: its whole history is read once, nothing is followed.</param>
/// <param name="Merged">Several tasks in one view: each line carries its task's tag and colour.</param>
public sealed record LogViewerSource(
    string Title,
    IReadOnlyList<LogFeed> Feeds,
    IReadOnlyList<string> Explanations,
    DateTimeOffset? LifeStart = null,
    bool Stopped = false,
    bool Merged = false,
    bool IsTask = false)
{
    public string Identity => string.Join("|", Feeds.Select(f => f.Key.ToString()));

    /// <summary>Builds the feeds of tasks: readable containers grouped by (region, group).</summary>
    public static LogViewerSource ForTasks(string title, string connection, IReadOnlyList<EcsTaskLogSources> tasks, bool merged, string? onlyContainer = null)
    {
        var readable = tasks.SelectMany(t => t.Containers)
            .Where(c => onlyContainer is null || c.Container == onlyContainer)
            .ToList();
        var feeds = readable.Where(c => c.IsReadable)
            .GroupBy(c => (c.Region, c.Stream!.Group))
            .Select(g => new LogFeed(
                new LogTailKey(connection, g.Key.Region, g.Key.Group, g.Select(c => c.Stream!.Stream!)),
                g.ToDictionary(c => c.Stream!.Stream!, c => merged ? LogStreamNames.TagFor(c.Stream!.Stream!, withTask: true) : c.Container)))
            .ToList();
        var explanations = readable.Where(c => !c.IsReadable).Select(c => c.Explanation!).ToList();
        var started = tasks.Select(t => t.StartedAt).Where(t => t is not null).DefaultIfEmpty().Min();
        return new LogViewerSource(title, feeds, explanations, started, tasks.Count > 0 && tasks.All(t => t.IsStopped), merged, IsTask: true);
    }
}
