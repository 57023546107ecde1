using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EcsConsole.Core.Aws;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.Live;

/// <summary>
/// What a subscriber gets: the state as it was when it subscribed, then every change after it in
/// batches (one batch per refresh). Dispose to leave; the watcher stops when nobody is left.
/// </summary>
public sealed class LiveSubscription<TSnapshot, TChange>(
    TSnapshot snapshot,
    IAsyncEnumerable<IReadOnlyList<TChange>> changes,
    Func<ValueTask> leave) : IAsyncDisposable
{
    private int _disposed;

    public TSnapshot Snapshot { get; } = snapshot;

    public IAsyncEnumerable<IReadOnlyList<TChange>> Changes { get; } = changes;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? leave() : ValueTask.CompletedTask;
}

/// <summary>
/// A polling loop shared by every subscriber: refresh, diff, fan the changes out. Slow subscribers
/// cannot make memory grow: each has a bounded queue, and one that falls behind is handed a single
/// resync (the whole state) once it catches up instead of every batch it missed. When a refresh
/// fails the last state is kept, a status says since when and why, and the loop backs off and
/// keeps trying.
/// </summary>
public abstract class LiveWatcher<TSnapshot, TChange> : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveOptions _options;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _refreshed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _failures;

    protected LiveWatcher(LiveOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        Time = time;
        Logger = logger;
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    public LiveStatus Status { get; private set; } = LiveStatus.Loading;

    /// <summary>Refreshes done (succeeded or failed) since the watcher started.</summary>
    public int Refreshes { get; private set; }

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>The whole state now, for readers that do not subscribe (e.g. region costs reusing a cluster's watcher).</summary>
    public TSnapshot Current
    {
        get { lock (_gate) return CreateSnapshot(Status); }
    }

    /// <summary>Asks AWS and returns what changed in the state (already applied to it).</summary>
    protected abstract Task<IReadOnlyList<TChange>> RefreshAsync(CancellationToken ct);

    /// <summary>The whole current state, with <paramref name="status"/>. Called under the watcher's lock.</summary>
    protected abstract TSnapshot CreateSnapshot(LiveStatus status);

    protected abstract TChange StatusChange(LiveStatus status);

    protected abstract TChange Resync(TSnapshot snapshot);

    protected virtual string Describe => GetType().Name;

    public void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Cuts the current wait short (after a command, the change should show at once).</summary>
    public void RefreshSoon() => _wake.TrySetResult();

    public LiveSubscription<TSnapshot, TChange> Subscribe(Func<ValueTask>? onLeave = null)
    {
        var subscriber = new Subscriber(Channel.CreateBounded<IReadOnlyList<TChange>>(
            new BoundedChannelOptions(Math.Max(1, _options.SubscriberBuffer))
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
            }));
        TSnapshot snapshot;
        lock (_gate)
        {
            // Snapshot and registration under one lock: no change can fall between them.
            snapshot = CreateSnapshot(Status);
            _subscribers.Add(subscriber);
        }

        return new LiveSubscription<TSnapshot, TChange>(snapshot, ReadAsync(subscriber, CancellationToken.None), async () =>
        {
            lock (_gate)
            {
                _subscribers.Remove(subscriber);
            }

            subscriber.Channel.Writer.TryComplete();
            if (onLeave is not null) await onLeave().ConfigureAwait(false);
        });
    }

    /// <summary>Completes once <paramref name="count"/> refreshes are done (for tests and the benchmark).</summary>
    public async Task WhenRefreshedAsync(int count)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (Refreshes >= count) return;
                next = _refreshed.Task;
            }

            await next.ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<TChange>> ReadAsync(Subscriber subscriber, [EnumeratorCancellation] CancellationToken ct)
    {
        var reader = subscriber.Channel.Reader;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (reader.TryRead(out var batch))
            {
                yield return batch;
            }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await RefreshOnceAsync(ct).ConfigureAwait(false);
            if (ct.IsCancellationRequested) break;
            try
            {
                await Task.WhenAny(wake.Task, Task.Delay(NextDelay(), Time, ct)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan NextDelay()
    {
        if (_failures == 0) return _options.RefreshInterval;
        // Doubling per failure (throttling is a shared account budget: asking faster makes it worse).
        var factor = Math.Pow(2, Math.Min(_failures, 10));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RefreshInterval.Ticks * factor, _options.MaxBackoff.Ticks));
        return delay < _options.RefreshInterval ? _options.RefreshInterval : delay;
    }

    private async Task RefreshOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<TChange> changes;
        LiveStatus status;
        try
        {
            changes = await RefreshAsync(ct).ConfigureAwait(false);
            _failures = 0;
            status = LiveStatus.Fresh(Time.GetUtcNow());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (AwsServiceException ex)
        {
            _failures++;
            Logger.LogWarning("{Watcher} refresh failed ({Kind}): {Message}", Describe, ex.Kind, ex.Message);
            changes = [];
            status = Status.Failed(Time.GetUtcNow(), ex.UserMessage, ex.Kind);
        }
        catch (Exception ex)
        {
            _failures++;
            Logger.LogError(ex, "{Watcher} refresh failed unexpectedly", Describe);
            changes = [];
            status = Status.Failed(Time.GetUtcNow(), $"Refreshing failed: {ex.Message}", null);
        }

        TaskCompletionSource refreshed;
        lock (_gate)
        {
            var statusChanged = !status.SameShape(Status);
            Status = status;
            Refreshes++;
            var batch = statusChanged ? [.. changes, StatusChange(status)] : changes;
            if (batch.Count > 0 || _subscribers.Any(s => s.NeedsResync)) Publish(batch);
            refreshed = _refreshed;
            _refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        refreshed.TrySetResult();
    }

    private void Publish(IReadOnlyList<TChange> batch)
    {
        TSnapshot? resync = default;
        var haveResync = false;
        foreach (var subscriber in _subscribers)
        {
            if (subscriber.NeedsResync)
            {
                if (!haveResync)
                {
                    resync = CreateSnapshot(Status);
                    haveResync = true;
                }

                // The resync already contains this batch's changes.
                subscriber.NeedsResync = !subscriber.Channel.Writer.TryWrite([Resync(resync!)]);
            }
            else if (batch.Count > 0 && !subscriber.Channel.Writer.TryWrite(batch))
            {
                subscriber.NeedsResync = true;
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
                // Stopping is the point.
            }
        }

        lock (_gate)
        {
            foreach (var s in _subscribers) s.Channel.Writer.TryComplete();
            _subscribers.Clear();
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Subscriber(Channel<IReadOnlyList<TChange>> channel)
    {
        public Channel<IReadOnlyList<TChange>> Channel { get; } = channel;

        public bool NeedsResync { get; set; }
    }
}
