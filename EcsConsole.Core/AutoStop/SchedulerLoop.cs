using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.AutoStop;

/// <summary>
/// The loop both schedulers share: do what is due, then sleep until the next due moment (never longer
/// than the poll interval, a safety net) or until <see cref="SchedulerSignal"/> says something changed.
/// </summary>
public abstract class SchedulerLoop(SchedulerSignal signal, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Does what is due now; returns when something is due next (null: nothing known).</summary>
    public abstract Task<DateTimeOffset?> RunDueAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = signal.NextAsync();
            DateTimeOffset? next = null;
            try
            {
                next = await RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly unavailable: everything is still stored for the next pass.
                logger.LogError(ex, "{Scheduler} pass failed; trying again at the next poll", GetType().Name);
            }

            var poll = PollInterval;
            var wait = next is { } n ? n - time.GetUtcNow() : poll;
            if (wait > poll) wait = poll;
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            try
            {
                await Task.WhenAny(changed, Task.Delay(wait, time, stoppingToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
