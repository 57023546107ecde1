using System.Globalization;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Logs.Model;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Logs;

namespace EcsConsole.Tests.Core.CloudWatchLogs;

/// <summary>
/// CloudWatch Logs in memory with AWS's token rules: GetLogEvents hands back the token it was
/// given once a stream is read to its end; FilterLogEvents may return empty pages with a nextToken.
/// </summary>
internal sealed class FakeLogEventSource : ILogEventSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Group, string Stream), List<LogLine>> _streams = [];
    private long _seq;
    private int _throttleNext;

    public int PageSize { get; set; } = 10_000;

    /// <summary>FilterLogEvents returns this many empty pages (with a token) before the real ones, as AWS does.</summary>
    public int EmptyFilterPagesFirst { get; set; }

    public int GetCalls { get; private set; }
    public int FilterCalls { get; private set; }
    public int Calls => GetCalls + FilterCalls;
    public List<LogFilterQuery> FilterQueries { get; } = [];

    public void Write(string group, string stream, DateTimeOffset at, string message)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue((group, stream), out var list)) _streams[(group, stream)] = list = [];
            var id = (++_seq).ToString("D12", CultureInfo.InvariantCulture);
            list.Add(new LogLine(at, at, message, stream, LogStreamNames.TagFor(stream, false), id));
        }
    }

    public void ThrottleNext(int calls)
    {
        lock (_gate) _throttleNext = calls;
    }

    public Task<LogStreamPage> GetStreamPageAsync(AwsTarget target, string group, string stream, string? token, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            GetCalls++;
            MaybeThrottle("GetLogEvents");
            if (!_streams.TryGetValue((group, stream), out var list))
            {
                throw new AwsServiceException("logs", "GetLogEvents", "ResourceNotFoundException", "The specified log stream does not exist.", AwsErrorKind.NotFound);
            }

            var window = list.Where(l => (start is null || l.Timestamp >= start) && (end is null || l.Timestamp <= end)).ToList();
            var position = token is null ? 0 : int.Parse(token[2..], CultureInfo.InvariantCulture);
            var page = window.Skip(position).Take(PageSize).ToList();
            // GetLogEvents has no event ids: the real mapper keys lines by stream, time and text.
            var lines = LogsMapper.ToLines([.. page.Select(l => new OutputLogEvent
            {
                Timestamp = l.Timestamp.ToUnixTimeMilliseconds(),
                IngestionTime = l.IngestionTime.ToUnixTimeMilliseconds(),
                Message = l.Message,
            })], stream);
            var next = page.Count == 0 ? token ?? $"f/{position}" : $"f/{position + page.Count}";
            return Task.FromResult(new LogStreamPage(lines, next, page.Count == PageSize));
        }
    }

    public Task<LogFilterPage> FilterPageAsync(AwsTarget target, LogFilterQuery query, string? token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            FilterCalls++;
            FilterQueries.Add(query);
            MaybeThrottle("FilterLogEvents");
            var all = _streams.Where(kv => kv.Key.Group == query.Group && (query.Streams.Count == 0 || query.Streams.Contains(kv.Key.Stream)))
                .SelectMany(kv => kv.Value)
                .Where(l => (query.Start is null || l.Timestamp >= query.Start) && (query.End is null || l.Timestamp <= query.End))
                .Where(l => query.FilterPattern is null || l.Message.Contains(query.FilterPattern.Trim('"'), StringComparison.Ordinal))
                .OrderBy(l => l.Timestamp).ThenBy(l => l.EventId, StringComparer.Ordinal)
                .ToList();
            var position = token is null ? 0 : int.Parse(token[2..], CultureInfo.InvariantCulture);
            var empties = token is null ? 0 : int.Parse(token[..1], CultureInfo.InvariantCulture);
            if (empties < EmptyFilterPagesFirst)
            {
                return Task.FromResult(new LogFilterPage([], $"{empties + 1}/{position}"));
            }

            var page = all.Skip(position).Take(PageSize).ToList();
            var more = position + page.Count < all.Count;
            return Task.FromResult(new LogFilterPage(page, more ? $"{empties}/{position + page.Count}" : null));
        }
    }

    private void MaybeThrottle(string operation)
    {
        if (_throttleNext <= 0) return;
        _throttleNext--;
        throw new AwsServiceException("logs", operation, "ThrottlingException", "Rate exceeded", AwsErrorKind.Throttled);
    }
}
