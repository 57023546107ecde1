using System.Collections;

namespace EcsConsole.Core.Logs;

/// <summary>What a shared reader is doing, in words for the viewer's status line.</summary>
public enum LogTailState
{
    Starting,
    Following,
    Throttled,
    Waiting,
    Failed,
    Stopped,
}

public sealed record LogTailStatus(LogTailState State, string Message)
{
    public static LogTailStatus Starting { get; } = new(LogTailState.Starting, "Reading the logs…");
}

/// <summary>
/// Lines handed to one subscriber in one go. The first batch is the history; <see cref="Dropped"/>
/// counts lines this subscriber lost since the previous batch because it did not keep up.
/// </summary>
public sealed class LogBatch(IReadOnlyList<LogLine> lines, long dropped, bool isHistory, LogTailStatus status) : IReadOnlyList<LogLine>
{
    public IReadOnlyList<LogLine> Lines { get; } = lines;
    public long Dropped { get; } = dropped;
    public bool IsHistory { get; } = isHistory;
    public LogTailStatus Status { get; } = status;

    public LogLine this[int index] => Lines[index];
    public int Count => Lines.Count;
    public IEnumerator<LogLine> GetEnumerator() => Lines.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
