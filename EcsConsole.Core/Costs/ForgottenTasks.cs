using EcsConsole.Core.AutoStop;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Costs;

/// <summary>A standalone task that has run for a long time with nobody planning to stop it.</summary>
public sealed record ForgottenTask(RegionTask Task, TimeSpan RunningFor);

/// <summary>
/// Standalone tasks (not started by a service) running longer than Costs:ForgottenAfter without an
/// auto-stop timer, from the region's shared cost snapshot (no extra AWS calls).
/// </summary>
public sealed class ForgottenTasks(RegionCosts regionCosts, AutoStopService timers, IOptions<CostOptions> options, TimeProvider time)
{
    public TimeSpan After => options.Value.ForgottenAfter;

    public async Task<IReadOnlyList<ForgottenTask>> FindAsync(string connection, string region, CancellationToken ct)
    {
        var snapshot = await regionCosts.GetAsync(connection, region, ct).ConfigureAwait(false);
        var pending = await timers.PendingAsync(connection, region, null, ct).ConfigureAwait(false);
        return Select(snapshot, pending, time.GetUtcNow(), options.Value.ForgottenAfter);
    }

    public static IReadOnlyList<ForgottenTask> Select(
        RegionCostSnapshot snapshot, IReadOnlyDictionary<string, AutoStopTimer> pendingTimers, DateTimeOffset now, TimeSpan after)
        => [.. snapshot.Running
            .Where(t => t.Task.Summary.ServiceName is null && !t.Task.IsStoppingOrStopped && !pendingTimers.ContainsKey(t.Task.Arn))
            .Select(t => new ForgottenTask(t, t.Task.RunningFor(now) ?? TimeSpan.Zero))
            .Where(f => f.RunningFor > after)
            .OrderByDescending(f => f.Task.Cost.SoFar ?? 0).ThenByDescending(f => f.RunningFor)];
}
