using EcsConsole.Core.Commands;

namespace EcsConsole.Core.Logs;

/// <summary>One GetLogEvents page: its events in order and the forward token to ask with next.</summary>
/// <param name="WasCut">The page stopped at the size limit (10,000 events or 1 MB), so more is waiting right now.</param>
public sealed record LogStreamPage(IReadOnlyList<LogLine> Lines, string? NextForwardToken, bool WasCut);

/// <summary>One FilterLogEvents page: possibly empty even when <see cref="NextToken"/> says more remains.</summary>
public sealed record LogFilterPage(IReadOnlyList<LogLine> Lines, string? NextToken);

/// <summary>What a FilterLogEvents call asks for (streams empty = the whole group).</summary>
public sealed record LogFilterQuery(
    string Group,
    IReadOnlyList<string> Streams,
    string? FilterPattern,
    DateTimeOffset? Start,
    DateTimeOffset? End);

/// <summary>
/// The two CloudWatch Logs reads the viewer needs, in Core terms. The reader and the download go
/// through this so tests can replay AWS's token semantics with a fake clock.
/// </summary>
public interface ILogEventSource
{
    /// <summary>GetLogEvents with startFromHead=true: without it, paging forward can return nothing forever.</summary>
    Task<LogStreamPage> GetStreamPageAsync(
        AwsTarget target, string group, string stream, string? token, DateTimeOffset? start, DateTimeOffset? end,
        CancellationToken cancellationToken);

    Task<LogFilterPage> FilterPageAsync(AwsTarget target, LogFilterQuery query, string? token, CancellationToken cancellationToken);
}
