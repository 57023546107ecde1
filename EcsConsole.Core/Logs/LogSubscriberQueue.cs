namespace EcsConsole.Core.Logs;

/// <summary>
/// The bounded queue between a shared reader and one viewer. The reader never waits for a viewer:
/// when the queue is full the oldest lines go and the count is handed over with the next batch,
/// so a slow browser cannot make server memory grow.
/// </summary>
public sealed class LogSubscriberQueue(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _pending = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _dropped;
    private bool _historyReady;
    private bool _historyTaken;
    private bool _completed;
    private bool _statusChanged;
    private LogTailStatus _status = LogTailStatus.Starting;

    public int Capacity => capacity;

    public int PendingCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Lines lost before the first line in the queue (reported once, with the next batch).</summary>
    public void AddDropped(long count)
    {
        if (count <= 0) return;
        lock (_gate) _dropped += count;
    }

    public void Enqueue(IReadOnlyList<LogLine> lines)
    {
        if (lines.Count == 0) return;
        lock (_gate)
        {
            var skip = Math.Max(0, lines.Count - capacity);
            _dropped += skip;
            for (var i = skip; i < lines.Count; i++)
            {
                _pending.Enqueue(lines[i]);
            }

            while (_pending.Count > capacity)
            {
                _pending.Dequeue();
                _dropped++;
            }

            _signal.TrySetResult();
        }
    }

    public void SetStatus(LogTailStatus status)
    {
        lock (_gate)
        {
            if (_status == status) return;
            _status = status;
            _statusChanged = true;
            _signal.TrySetResult();
        }
    }

    /// <summary>The reader has finished its first read: what is queued now is the history.</summary>
    public void MarkHistoryReady()
    {
        lock (_gate)
        {
            _historyReady = true;
            _signal.TrySetResult();
        }
    }

    /// <summary>No more batches will come (the reader stopped).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _signal.TrySetResult();
        }
    }

    /// <summary>Everything queued so far as one batch; null when the reader has stopped and nothing is left.</summary>
    public async ValueTask<LogBatch?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                // Nothing goes out before the history is complete; then the history batch goes out even
                // when empty, so a viewer can tell "no lines" from "still loading".
                var ready = _historyReady || _completed;
                if (ready && (_pending.Count > 0 || _dropped > 0 || _statusChanged || !_historyTaken))
                {
                    var batch = new LogBatch([.. _pending], _dropped, !_historyTaken, _status);
                    _pending.Clear();
                    _dropped = 0;
                    _statusChanged = false;
                    _historyTaken = true;
                    return batch;
                }

                if (_completed) return null;
                if (_signal.Task.IsCompleted) _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _signal.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
