namespace EcsConsole.Core.Logs;

/// <summary>One CloudWatch Logs event as the console shows it.</summary>
/// <param name="Source">Short tag of where the line came from ("app", or "app · 3f2a91c0" when tasks are merged).</param>
/// <param name="EventId">CloudWatch's event id when the API gives one, otherwise a key made from stream, time and text.</param>
public sealed record LogLine(
    DateTimeOffset Timestamp,
    DateTimeOffset IngestionTime,
    string Message,
    string Stream,
    string Source,
    string EventId);

/// <summary>One awslogs stream (or a whole group when <see cref="Stream"/> is null) and the tag its lines carry.</summary>
public sealed record LogStreamRef(string Group, string? Stream, string Tag);

/// <summary>
/// What one shared reader reads: a connection and the logs' region (awslogs-region may differ
/// from the task's), one group, a set of streams (empty = the whole group) and an optional
/// CloudWatch filter pattern. Two viewers asking for the same key share one reader.
/// </summary>
public sealed record LogTailKey
{
    public LogTailKey(string connection, string region, string group, IEnumerable<string>? streams = null, string? filterPattern = null)
    {
        Connection = connection;
        Region = region;
        Group = group;
        Streams = [.. (streams ?? []).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        FilterPattern = string.IsNullOrWhiteSpace(filterPattern) ? null : filterPattern.Trim();
    }

    public string Connection { get; }
    public string Region { get; }
    public string Group { get; }
    public IReadOnlyList<string> Streams { get; }
    public string? FilterPattern { get; }

    /// <summary>GetLogEvents pages a single stream exactly; a filter, a whole group or many streams need FilterLogEvents.</summary>
    public bool UsesFilter => FilterPattern is not null || Streams.Count == 0 || Streams.Count > LogTailer.MaxGetLogEventsStreams;

    public bool Equals(LogTailKey? other)
        => other is not null && Connection == other.Connection && Region == other.Region && Group == other.Group
           && FilterPattern == other.FilterPattern && Streams.SequenceEqual(other.Streams);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Connection);
        hash.Add(Region);
        hash.Add(Group);
        hash.Add(FilterPattern);
        foreach (var s in Streams) hash.Add(s);
        return hash.ToHashCode();
    }

    public override string ToString()
        => $"{Connection}/{Region} {Group} [{string.Join(", ", Streams)}]{(FilterPattern is null ? "" : $" filter '{FilterPattern}'")}";
}

/// <summary>The time window a viewer or a download asks for. A null end means "and keep following".</summary>
public sealed record LogTimeRange(DateTimeOffset? Start, DateTimeOffset? End)
{
    public static LogTimeRange WholeStream { get; } = new(null, null);

    public static LogTimeRange Last(TimeSpan span, TimeProvider clock) => new(clock.GetUtcNow() - span, null);

    public bool IsLive => End is null;

    public bool Contains(DateTimeOffset t) => (Start is null || t >= Start) && (End is null || t <= End);
}
