namespace EcsConsole.Core.Logs;

/// <summary>
/// Remembers the ids of recent events so that overlapping reads (FilterLogEvents re-reads a
/// look-back window on every poll) hand each event out once. Ids older than the window are forgotten.
/// </summary>
public sealed class LogDeduplicator
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public int Count => _seen.Count;

    /// <summary>True when the line has not been seen before.</summary>
    public bool Add(LogLine line) => _seen.TryAdd(line.EventId, line.Timestamp);

    /// <summary>Forgets events older than <paramref name="before"/>; nothing older will be read again.</summary>
    public void Forget(DateTimeOffset before)
    {
        if (_seen.Count == 0) return;
        foreach (var (id, ts) in _seen)
        {
            if (ts < before) _seen.Remove(id);
        }
    }
}
