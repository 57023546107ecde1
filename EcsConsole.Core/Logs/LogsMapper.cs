using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EcsConsole.Core.Aws.Logs.Model;

namespace EcsConsole.Core.Logs;

/// <summary>The one mapper from CloudWatch Logs wire events to <see cref="LogLine"/>.</summary>
public static class LogsMapper
{
    public static IReadOnlyList<LogLine> ToLines(IReadOnlyList<OutputLogEvent>? events, string stream)
    {
        if (events is null || events.Count == 0) return [];
        var tag = LogStreamNames.TagFor(stream, withTask: false);
        var lines = new LogLine[events.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var ts = e.Timestamp ?? 0;
            var message = e.Message ?? "";
            // GetLogEvents has no event ids. Two identical lines in the same millisecond are both
            // real, so the n-th repeat within a page gets its own key; a page read twice still dedups.
            var key = SyntheticId(stream, ts, message);
            var n = seen[key] = seen.GetValueOrDefault(key) + 1;
            lines[i] = new LogLine(
                DateTimeOffset.FromUnixTimeMilliseconds(ts),
                DateTimeOffset.FromUnixTimeMilliseconds(e.IngestionTime ?? ts),
                message, stream, tag, n == 1 ? key : $"{key}#{n}");
        }

        return lines;
    }

    public static IReadOnlyList<LogLine> ToLines(IReadOnlyList<FilteredLogEvent>? events)
    {
        if (events is null || events.Count == 0) return [];
        var lines = new LogLine[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var ts = e.Timestamp ?? 0;
            var stream = e.LogStreamName ?? "";
            var message = e.Message ?? "";
            lines[i] = new LogLine(
                DateTimeOffset.FromUnixTimeMilliseconds(ts),
                DateTimeOffset.FromUnixTimeMilliseconds(e.IngestionTime ?? ts),
                message, stream, LogStreamNames.TagFor(stream, withTask: false),
                string.IsNullOrEmpty(e.EventId) ? SyntheticId(stream, ts, message) : e.EventId);
        }

        return lines;
    }

    /// <summary>A stable key for an event without an id: stream, millisecond and a hash of the text.</summary>
    public static string SyntheticId(string stream, long timestamp, string message)
    {
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(message)));
        return $"{stream}|{timestamp}|{hash:x16}";
    }
}
