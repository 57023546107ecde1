using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Logs;

/// <summary>
/// Hands out subscriptions to shared readers: one <see cref="LogTailer"/> per key however many
/// viewers watch it, started by the first viewer and stopped when the last one leaves.
/// </summary>
public sealed class LogTailerHub(
    ILogEventSource source,
    LogRangeReader rangeReader,
    TimeProvider clock,
    IOptions<LogsOptions> options,
    ILoggerFactory loggers) : IAsyncDisposable
{
    private sealed class Entry(LogTailer tailer)
    {
        public LogTailer Tailer { get; } = tailer;
        public int Watchers { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<LogTailKey, Entry> _entries = [];

    /// <summary>How many readers are polling right now.</summary>
    public int ActiveReaders
    {
        get { lock (_gate) return _entries.Count; }
    }

    /// <summary>The reader of a key while somebody watches it.</summary>
    public LogTailer? Find(LogTailKey key)
    {
        lock (_gate) return _entries.TryGetValue(key, out var e) ? e.Tailer : null;
    }

    /// <summary>
    /// History from <paramref name="start"/> (null = each stream from its head) as the first batch,
    /// then new lines as they arrive, until <paramref name="cancellationToken"/> ends the watch.
    /// </summary>
    public async IAsyncEnumerable<LogBatch> SubscribeAsync(
        LogTailKey key,
        DateTimeOffset? start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Entry entry;
        bool created;
        lock (_gate)
        {
            created = !_entries.TryGetValue(key, out entry!);
            if (created)
            {
                entry = new Entry(new LogTailer(key, start, source, clock, options.Value, loggers.CreateLogger<LogTailer>()));
                _entries[key] = entry;
            }

            entry.Watchers++;
        }

        LogSubscriberQueue? queue = null;
        try
        {
            var tailer = entry.Tailer;
            IReadOnlyList<LogLine>? backfill = null;
            if (!created && StartsEarlier(start, tailer.StartTime))
            {
                // The shared reader began later than this viewer wants: read the gap for this viewer alone.
                backfill = await ReadGapAsync(key, start, tailer.StartTime!.Value, cancellationToken).ConfigureAwait(false);
            }

            queue = tailer.Subscribe(start, backfill);
            tailer.Start();
            while (await queue.TakeAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                yield return batch;
            }
        }
        finally
        {
            if (queue is not null) entry.Tailer.Unsubscribe(queue);
            bool last;
            lock (_gate)
            {
                last = --entry.Watchers == 0;
                if (last) _entries.Remove(key);
            }

            if (last) await entry.Tailer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool StartsEarlier(DateTimeOffset? wanted, DateTimeOffset? readerStart)
        => readerStart is not null && (wanted is null || wanted < readerStart);

    private async Task<IReadOnlyList<LogLine>> ReadGapAsync(LogTailKey key, DateTimeOffset? start, DateTimeOffset end, CancellationToken ct)
    {
        var lines = new List<LogLine>();
        // Only the newest lines fit in a viewer anyway; stop reading once the queue would drop them.
        var limit = options.Value.SubscriberQueueLines;
        await foreach (var page in rangeReader.ReadAsync(key, new LogTimeRange(start, end.AddMilliseconds(-1)), ct).ConfigureAwait(false))
        {
            lines.AddRange(page);
            if (lines.Count > limit * 2) lines.RemoveRange(0, lines.Count - limit);
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        List<LogTailer> tailers;
        lock (_gate)
        {
            tailers = [.. _entries.Values.Select(e => e.Tailer)];
            _entries.Clear();
        }

        foreach (var t in tailers) await t.DisposeAsync().ConfigureAwait(false);
    }
}
