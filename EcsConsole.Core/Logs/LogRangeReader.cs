using System.Runtime.CompilerServices;
using EcsConsole.Core.Commands;

namespace EcsConsole.Core.Logs;

/// <summary>
/// Reads a closed time range page by page, straight from CloudWatch: the download and a viewer's
/// history before its shared reader began. Nothing is held beyond the page being handed out.
/// </summary>
public sealed class LogRangeReader(ILogEventSource source)
{
    public async IAsyncEnumerable<IReadOnlyList<LogLine>> ReadAsync(
        LogTailKey key,
        LogTimeRange range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var target = new AwsTarget(key.Connection, key.Region);
        if (!key.UsesFilter && key.Streams.Count == 1)
        {
            string? token = null;
            while (true)
            {
                var page = await source.GetStreamPageAsync(target, key.Group, key.Streams[0], token, range.Start, range.End, cancellationToken)
                    .ConfigureAwait(false);
                var lines = page.Lines.Where(l => range.Contains(l.Timestamp)).ToList();
                if (lines.Count > 0) yield return lines;
                // The same forward token back is the end of the stream (or of the range).
                if (page.NextForwardToken is null || page.NextForwardToken == token) yield break;
                token = page.NextForwardToken;
            }
        }

        var query = new LogFilterQuery(key.Group, key.Streams, key.FilterPattern, range.Start, range.End);
        string? next = null;
        do
        {
            var page = await source.FilterPageAsync(target, query, next, cancellationToken).ConfigureAwait(false);
            if (page.Lines.Count > 0)
            {
                var lines = page.Lines.ToList();
                LogTailer.SortByTime(lines);
                yield return lines;
            }

            // Pages can be empty while more remains; a token handed back unchanged would loop forever.
            next = string.IsNullOrEmpty(page.NextToken) || page.NextToken == next ? null : page.NextToken;
        }
        while (next is not null);
    }
}
