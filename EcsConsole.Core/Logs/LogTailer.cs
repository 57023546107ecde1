using EcsConsole.Core.Aws;
using EcsConsole.Core.Commands;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.Logs;

/// <summary>
/// The one reader of a <see cref="LogTailKey"/>, shared by every viewer of it (see <see cref="LogTailerHub"/>).
/// Pages forward with GetLogEvents per stream (startFromHead, the same token back = caught up) or
/// with FilterLogEvents for a filter pattern, a whole group or many streams; deduplicates, merges
/// the streams in timestamp order, keeps a bounded history for viewers that join later and hands
/// every subscriber the new lines through its own bounded queue.
/// </summary>
public sealed class LogTailer : IAsyncDisposable
{
    /// <summary>
    /// Beyond this many streams one FilterLogEvents call per poll replaces a GetLogEvents call per stream:
    /// GetLogEvents allows 10 calls/s per account in several regions, so a merged service view must not spend it all.
    /// </summary>
    public const int MaxGetLogEventsStreams = 4;

    private readonly LogTailKey _key;
    private readonly AwsTarget _target;
    private readonly ILogEventSource _source;
    private readonly TimeProvider _clock;
    private readonly LogsOptions _options;
    private readonly ILogger _logger;
    private readonly LogPollBackoff _backoff;
    private readonly LogDeduplicator _dedup = new();
    private readonly Dictionary<string, string?> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _history = new();
    private readonly List<LogSubscriberQueue> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private DateTimeOffset? _filterFrom;
    private string? _filterToken;
    private long _historyDropped;
    private bool _firstPollDone;
    private LogTailStatus _status = LogTailStatus.Starting;
    private Task? _loop;
    private long _apiCalls;
    private long _polls;
    private long _waits;

    public LogTailer(LogTailKey key, DateTimeOffset? start, ILogEventSource source, TimeProvider clock, LogsOptions options, ILogger logger)
    {
        _key = key;
        _target = new AwsTarget(key.Connection, key.Region);
        StartTime = start;
        _source = source;
        _clock = clock;
        _options = options;
        _logger = logger;
        _backoff = new LogPollBackoff(options);
    }

    public LogTailKey Key => _key;

    /// <summary>Where this reader began (null = the head of each stream).</summary>
    public DateTimeOffset? StartTime { get; }

    /// <summary>CloudWatch Logs calls made by this reader (the benchmark and tests watch it).</summary>
    public long ApiCalls => Interlocked.Read(ref _apiCalls);

    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>The wait chosen after the latest poll.</summary>
    public TimeSpan LastDelay { get; private set; }

    /// <summary>How many waits the poll loop has begun (the wait after poll n is number n).</summary>
    public long Waits => Interlocked.Read(ref _waits);

    public LogTailStatus Status
    {
        get { lock (_gate) return _status; }
    }

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>Starts polling in the background (once).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => LoopAsync(_stop.Token));
        }
    }

    /// <summary>
    /// A new viewer: it gets <paramref name="backfill"/> (older lines read for it alone), then the
    /// kept history from <paramref name="start"/> on, then every new line.
    /// </summary>
    public LogSubscriberQueue Subscribe(DateTimeOffset? start, IReadOnlyList<LogLine>? backfill = null)
    {
        var queue = new LogSubscriberQueue(_options.SubscriberQueueLines);
        lock (_gate)
        {
            var history = start is null ? [.. _history] : _history.Where(l => l.Timestamp >= start).ToList();
            if (_historyDropped > 0 && (start is null || _history.Count == 0 || _history.Peek().Timestamp > start))
            {
                queue.AddDropped(_historyDropped);
            }

            if (backfill is { Count: > 0 }) queue.Enqueue(backfill);
            queue.Enqueue(history);
            queue.SetStatus(_status);
            if (_firstPollDone) queue.MarkHistoryReady();
            _subscribers.Add(queue);
        }

        return queue;
    }

    public void Unsubscribe(LogSubscriberQueue queue)
    {
        lock (_gate) _subscribers.Remove(queue);
        queue.Complete();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var outcome = await PollOnceAsync(ct).ConfigureAwait(false);
                LastDelay = _backoff.Next(outcome);
                var wait = Task.Delay(LastDelay, _clock, ct);
                Interlocked.Increment(ref _waits);
                await wait.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped because nobody watches any more.
        }
    }

    /// <summary>One poll: reads what is new on every stream and hands it to the subscribers.</summary>
    public async Task<LogPollOutcome> PollOnceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _polls);
        var fresh = new List<LogLine>();
        LogPollOutcome outcome;
        LogTailStatus status;
        try
        {
            var missing = _key.UsesFilter
                ? await ReadFilteredAsync(fresh, cancellationToken).ConfigureAwait(false)
                : await ReadStreamsAsync(fresh, cancellationToken).ConfigureAwait(false);
            outcome = fresh.Count > 0 ? LogPollOutcome.NewLines : LogPollOutcome.Idle;
            status = missing
                ? new LogTailStatus(LogTailState.Waiting, "The log stream does not exist yet: waiting for the container to write its first line.")
                : new LogTailStatus(LogTailState.Following, "Following: new lines appear about a second after they reach CloudWatch.");
        }
        catch (AwsServiceException ex) when (ex.Kind == AwsErrorKind.Throttled)
        {
            outcome = LogPollOutcome.Throttled;
            status = new LogTailStatus(LogTailState.Throttled,
                "CloudWatch Logs is throttling this account's reads; the viewer slows down and catches up when it can.");
        }
        catch (AwsServiceException ex) when (ex.Kind == AwsErrorKind.NotFound)
        {
            outcome = LogPollOutcome.Idle;
            status = new LogTailStatus(LogTailState.Waiting, $"The log group {_key.Group} does not exist (yet). {ex.AwsMessage}".Trim());
        }
        catch (AwsServiceException ex)
        {
            outcome = LogPollOutcome.Failed;
            status = new LogTailStatus(LogTailState.Failed, ex.UserMessage);
            _logger.LogWarning(ex, "Reading {Key} failed", _key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = LogPollOutcome.Failed;
            status = new LogTailStatus(LogTailState.Failed, "Reading the logs failed; the viewer keeps trying.");
            _logger.LogError(ex, "Reading {Key} failed", _key);
        }

        // Lines read before a failure part-way through are still new: hand them out.
        Publish(fresh, status);
        return outcome;
    }

    private async Task<bool> ReadStreamsAsync(List<LogLine> fresh, CancellationToken ct)
    {
        var perStream = new List<List<LogLine>>(_key.Streams.Count);
        var missing = 0;
        foreach (var stream in _key.Streams)
        {
            var lines = new List<LogLine>();
            perStream.Add(lines);
            try
            {
                for (var page = 0; page < _options.MaxPagesPerPoll; page++)
                {
                    var token = _tokens.GetValueOrDefault(stream);
                    Interlocked.Increment(ref _apiCalls);
                    // The start time goes with every call: a forward token is only meaningful with the
                    // same window it was issued for.
                    var result = await _source.GetStreamPageAsync(_target, _key.Group, stream, token, StartTime, null, ct)
                        .ConfigureAwait(false);
                    foreach (var line in result.Lines)
                    {
                        if (_dedup.Add(line)) lines.Add(line);
                    }

                    // The same token coming back means caught up; a page that was not cut at the size
                    // limit means nothing more is waiting now, so the next poll resumes from its token.
                    var caughtUp = result.NextForwardToken is null || result.NextForwardToken == token;
                    if (result.NextForwardToken is not null) _tokens[stream] = result.NextForwardToken;
                    if (caughtUp || !result.WasCut) break;
                }
            }
            catch (AwsServiceException ex) when (ex.Kind == AwsErrorKind.NotFound)
            {
                // A container that has not logged yet has no stream; the other streams still flow.
                missing++;
            }
        }

        MergeInto(fresh, perStream);
        if (fresh.Count > 0) _dedup.Forget(fresh[^1].Timestamp - _options.FilterLookback);
        return missing == _key.Streams.Count;
    }

    private async Task<bool> ReadFilteredAsync(List<LogLine> fresh, CancellationToken ct)
    {
        var from = _filterFrom ?? StartTime;
        var query = new LogFilterQuery(_key.Group, _key.Streams, _key.FilterPattern, from, null);
        var token = _filterToken;
        for (var page = 0; page < _options.MaxPagesPerPoll; page++)
        {
            Interlocked.Increment(ref _apiCalls);
            var result = await _source.FilterPageAsync(_target, query, token, ct).ConfigureAwait(false);
            foreach (var line in result.Lines)
            {
                if (_dedup.Add(line)) fresh.Add(line);
            }

            // FilterLogEvents pages can be empty while more remains: only a missing token ends the read.
            token = string.IsNullOrEmpty(result.NextToken) || result.NextToken == token ? null : result.NextToken;
            if (token is null) break;
        }

        // An unfinished read resumes with its token next poll; a finished one re-reads from the newest
        // line minus the look-back window, because late-delivered events can carry older timestamps.
        _filterToken = token;
        SortByTime(fresh);
        if (token is null && fresh.Count > 0)
        {
            _filterFrom = fresh[^1].Timestamp - _options.FilterLookback;
            _dedup.Forget(_filterFrom.Value);
        }

        return false;
    }

    /// <summary>Merges per-stream lists (each in time order) into one list in time order.</summary>
    internal static void MergeInto(List<LogLine> target, List<List<LogLine>> sources)
    {
        foreach (var s in sources) target.AddRange(s);
        SortByTime(target);
    }

    /// <summary>A stable sort by timestamp: lines of one stream in the same millisecond keep their order.</summary>
    internal static void SortByTime(List<LogLine> lines)
    {
        if (lines.Count < 2) return;
        var sorted = lines.Select((l, i) => (l, i)).OrderBy(p => p.l.Timestamp).ThenBy(p => p.i).Select(p => p.l).ToList();
        lines.Clear();
        lines.AddRange(sorted);
    }

    private void Publish(List<LogLine> fresh, LogTailStatus status)
    {
        lock (_gate)
        {
            foreach (var line in fresh)
            {
                _history.Enqueue(line);
            }

            while (_history.Count > _options.ReaderHistoryLines)
            {
                _history.Dequeue();
                _historyDropped++;
            }

            var statusChanged = status != _status;
            _status = status;
            var firstPoll = !_firstPollDone;
            _firstPollDone = true;
            foreach (var queue in _subscribers)
            {
                queue.Enqueue(fresh);
                if (statusChanged) queue.SetStatus(status);
                if (firstPoll) queue.MarkHistoryReady();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected on stop.
            }
        }

        List<LogSubscriberQueue> left;
        lock (_gate)
        {
            left = [.. _subscribers];
            _subscribers.Clear();
        }

        foreach (var q in left) q.Complete();
        _stop.Dispose();
    }
}
