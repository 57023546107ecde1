using System.Collections.Immutable;
using System.Text.Json;

namespace EcsConsole.Core.Live;

/// <summary>
/// The current items of a watcher by key, and what changed since the last refresh. Records with
/// lists inside do not compare by value, so each item's JSON is kept as its fingerprint.
/// Replaced wholesale on the refresh loop; readers see one consistent dictionary.
/// </summary>
internal sealed class LiveTable<T>(Func<T, string> keyOf)
{
    private Dictionary<string, string> _prints = new(StringComparer.Ordinal);

    public ImmutableDictionary<string, T> Items { get; private set; } = ImmutableDictionary.Create<string, T>(StringComparer.Ordinal);

    public (IReadOnlyList<T> Changed, IReadOnlyList<string> Removed) Replace(IEnumerable<T> items)
    {
        var prints = new Dictionary<string, string>(StringComparer.Ordinal);
        var builder = ImmutableDictionary.CreateBuilder<string, T>(StringComparer.Ordinal);
        var changed = new List<T>();
        foreach (var item in items)
        {
            var key = keyOf(item);
            if (!prints.TryAdd(key, JsonSerializer.Serialize(item))) continue;
            builder[key] = item;
            if (!_prints.TryGetValue(key, out var old) || old != prints[key]) changed.Add(item);
        }

        var removed = _prints.Keys.Where(k => !prints.ContainsKey(k)).ToList();
        _prints = prints;
        Items = builder.ToImmutable();
        return (changed, removed);
    }
}
