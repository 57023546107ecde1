using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Logs.Model;
using EcsConsole.Core.Commands;

namespace EcsConsole.Core.Logs;

/// <summary><see cref="ILogEventSource"/> over the CloudWatch Logs client of each connection.</summary>
public sealed class CloudWatchLogEventSource(AwsClientFactory clients) : ILogEventSource
{
    // 10,000 is the API's own ceiling; asking for it keeps catch-up after a pause to few calls.
    public const int PageLimit = 10_000;

    // A page is cut at 10,000 events or 1 MB (counting 26 bytes per event); near either, more is waiting.
    private const int CutPageBytes = 900_000;

    public async Task<LogStreamPage> GetStreamPageAsync(
        AwsTarget target, string group, string stream, string? token, DateTimeOffset? start, DateTimeOffset? end,
        CancellationToken cancellationToken)
    {
        var response = await clients.For(target.Connection, target.Region).Logs.GetLogEventsAsync(new GetLogEventsRequest
        {
            LogGroupName = group,
            LogStreamName = stream,
            StartFromHead = true,
            NextToken = token,
            StartTime = start?.ToUnixTimeMilliseconds(),
            EndTime = end?.ToUnixTimeMilliseconds(),
            Limit = PageLimit,
        }, cancellationToken).ConfigureAwait(false);
        var lines = LogsMapper.ToLines(response.Events, stream);
        return new LogStreamPage(lines, response.NextForwardToken, IsCut(lines));
    }

    private static bool IsCut(IReadOnlyList<LogLine> lines)
    {
        if (lines.Count >= PageLimit) return true;
        long bytes = 0;
        foreach (var l in lines) bytes += l.Message.Length + 26;
        return bytes >= CutPageBytes;
    }

    public async Task<LogFilterPage> FilterPageAsync(AwsTarget target, LogFilterQuery query, string? token, CancellationToken cancellationToken)
    {
        var response = await clients.For(target.Connection, target.Region).Logs.FilterLogEventsAsync(new FilterLogEventsRequest
        {
            LogGroupName = query.Group,
            LogStreamNames = query.Streams.Count == 0 ? null : [.. query.Streams],
            FilterPattern = query.FilterPattern,
            StartTime = query.Start?.ToUnixTimeMilliseconds(),
            EndTime = query.End?.ToUnixTimeMilliseconds(),
            NextToken = token,
            Limit = PageLimit,
        }, cancellationToken).ConfigureAwait(false);
        return new LogFilterPage(LogsMapper.ToLines(response.Events), response.NextToken);
    }
}
