using EcsConsole.Core.History;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Costs;

/// <summary>Cost over time from the recorded task history (what the watchers and the region poller saw).</summary>
public sealed class CostHistory(IDbContextFactory<EcsConsoleDbContext> dbFactory, CostMeter meter, IOptions<CostOptions> options, TimeProvider time)
{
    /// <summary>The cluster's cost and task count per UTC hour over the last <paramref name="window"/>.</summary>
    public async Task<IReadOnlyList<HourBucket>> HourlyAsync(string connection, string region, string cluster, TimeSpan window, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var from = CostMeter.TruncateToHour(now - window).AddHours(1);
        var rows = await RowsAsync(connection, region, cluster, from, ct).ConfigureAwait(false);
        return meter.Hourly(region, rows.Select(r => (r, CostMeter.RecordEnd(r, now, options.Value.HistoryStaleAfter))), from, now, now);
    }

    /// <summary>What every recorded task of the region cost since 00:00 UTC, in total and per cluster.</summary>
    public async Task<(decimal Total, IReadOnlyDictionary<string, decimal> ByCluster)> TodayAsync(string connection, string region, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await RowsAsync(connection, region, null, CostMeter.StartOfDayUtc(now), ct).ConfigureAwait(false);
        var byCluster = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var today = meter.Price(region, r, CostMeter.RecordEnd(r, now, options.Value.HistoryStaleAfter), now).Today ?? 0;
            byCluster[r.Cluster] = byCluster.GetValueOrDefault(r.Cluster) + today;
        }

        return (byCluster.Values.Sum(), byCluster);
    }

    /// <summary>What a recorded (usually stopped) task cost over its life.</summary>
    public TaskCost LifeCost(string region, EcsTaskRecord record)
    {
        var now = time.GetUtcNow();
        return meter.Price(region, record, CostMeter.RecordEnd(record, now, options.Value.HistoryStaleAfter), now);
    }

    private async Task<List<EcsTaskRecord>> RowsAsync(string connection, string region, string? cluster, DateTimeOffset from, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        // A task seen last before `from` stopped (or was lost from sight) before it: it adds nothing after `from`.
        var q = db.Set<EcsTaskRecord>().AsNoTracking().Where(r => r.Connection == connection && r.Region == region && r.LastSeenAt >= from);
        if (cluster is not null) q = q.Where(r => r.Cluster == cluster);
        return await q.ToListAsync(ct).ConfigureAwait(false);
    }
}
