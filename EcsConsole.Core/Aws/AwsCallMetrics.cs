using System.Collections.Concurrent;

namespace EcsConsole.Core.Aws;

/// <summary>Counts AWS API calls per service and operation (for the benchmarks and the status page).</summary>
public sealed class AwsCallMetrics
{
    private readonly ConcurrentDictionary<(string Service, string Operation), long> _calls = new();

    public void Record(string service, string operation)
        => _calls.AddOrUpdate((service, operation), 1, static (_, n) => n + 1);

    public long Count(string service, string? operation = null)
        => _calls.Where(kv => kv.Key.Service == service && (operation is null || kv.Key.Operation == operation))
            .Sum(kv => kv.Value);

    public long Total => _calls.Values.Sum();

    public IReadOnlyDictionary<string, long> Snapshot()
        => _calls.ToDictionary(kv => $"{kv.Key.Service}:{kv.Key.Operation}", kv => kv.Value);

    public void Reset() => _calls.Clear();
}
