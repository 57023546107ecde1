namespace EcsConsole.Core.Live;

/// <summary>
/// One watcher per key, shared by every subscriber. The watcher starts with its first subscriber
/// and stops a grace period after its last one left (so a page reload does not restart it).
/// </summary>
public sealed class LiveWatcherRegistry<TKey, TWatcher, TSnapshot, TChange>(
    Func<TKey, TWatcher> create,
    TimeProvider time,
    TimeSpan gracePeriod) : IAsyncDisposable
    where TKey : notnull
    where TWatcher : LiveWatcher<TSnapshot, TChange>
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, Entry> _entries = [];

    /// <summary>Watchers running now (for the status page, tests and the benchmark).</summary>
    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public TWatcher? Find(TKey key)
    {
        lock (_gate) return _entries.TryGetValue(key, out var e) ? e.Watcher : null;
    }

    public LiveSubscription<TSnapshot, TChange> Subscribe(TKey key)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry(create(key));
                _entries[key] = entry;
            }

            entry.References++;
            entry.GraceTimer?.Dispose();
            entry.GraceTimer = null;
        }

        entry.Watcher.Start();
        return entry.Watcher.Subscribe(() =>
        {
            Release(key, entry);
            return ValueTask.CompletedTask;
        });
    }

    private void Release(TKey key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.References > 0) return;
            entry.GraceTimer?.Dispose();
            entry.GraceTimer = time.CreateTimer(_ => _ = ExpireAsync(key, entry), null, gracePeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ExpireAsync(TKey key, Entry entry)
    {
        lock (_gate)
        {
            if (entry.References > 0 || !_entries.TryGetValue(key, out var current) || current != entry) return;
            _entries.Remove(key);
            entry.GraceTimer?.Dispose();
            entry.GraceTimer = null;
        }

        await entry.Watcher.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        List<Entry> entries;
        lock (_gate)
        {
            entries = [.. _entries.Values];
            _entries.Clear();
        }

        foreach (var e in entries)
        {
            e.GraceTimer?.Dispose();
            await e.Watcher.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Entry(TWatcher watcher)
    {
        public TWatcher Watcher { get; } = watcher;

        public int References { get; set; }

        public ITimer? GraceTimer { get; set; }
    }
}
