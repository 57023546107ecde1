using EcsConsole.Core.Access;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Storage;
using EcsConsole.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.AutoStop;

/// <summary>
/// Stops tasks whose auto-stop timer expired. All state is in the database: a new instance (after a
/// restart) picks up every pending timer. It sleeps until the earliest expiry (or AutoStop:PollInterval,
/// whichever is sooner) and wakes early when a timer changes. At expiry it first asks ECS about that exact
/// task ARN: a task that already stopped (or that AWS no longer knows) is marked done without StopTask.
/// When AWS fails, the timer stays pending and is retried with a doubling delay, never dropped.
/// </summary>
public sealed class AutoStopScheduler(
    IDbContextFactory<EcsConsoleDbContext> dbFactory,
    AwsClientFactory clients,
    EcsTaskCommands commands,
    SchedulerSignal signal,
    IOptions<AutoStopOptions> options,
    TimeProvider time,
    ILogger<AutoStopScheduler> logger) : SchedulerLoop(signal, time, logger)
{
    /// <summary>The stop reason ECS keeps (after EcsConsole's "Stopped by … via EcsConsole:" prefix).</summary>
    public static string StopReason(string setBy) => $"auto-stop set by {setBy}";

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    /// <summary>Handles every due timer; returns when the next pending one is due (null when none is pending).</summary>
    public override async Task<DateTimeOffset?> RunDueAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        List<AutoStopTimer> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            pending = await db.Set<AutoStopTimer>().AsNoTracking().Where(t => t.Status == AutoStopStatus.Pending).ToListAsync(ct).ConfigureAwait(false);
        }

        foreach (var timer in pending.Where(t => t.DueAt <= now).OrderBy(t => t.ExpiresAt))
        {
            await HandleAsync(timer.Id, ct).ConfigureAwait(false);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            var left = await db.Set<AutoStopTimer>().AsNoTracking().Where(t => t.Status == AutoStopStatus.Pending).ToListAsync(ct).ConfigureAwait(false);
            return left.Count == 0 ? null : left.Min(t => t.DueAt);
        }
    }

    private async Task HandleAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        // Read again: it may have been extended or cleared since the list was read.
        var timer = await db.Set<AutoStopTimer>().FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        if (timer is null || timer.Status != AutoStopStatus.Pending || timer.DueAt > now) return;

        try
        {
            var state = await CheckTaskAsync(timer, ct).ConfigureAwait(false);
            switch (state)
            {
                case TaskState.AlreadyStopped:
                    Complete(timer, AutoStopStatus.Stopped, "The task had already stopped; nothing to do.", now);
                    break;
                case TaskState.Gone:
                    Complete(timer, AutoStopStatus.Stopped, "AWS no longer knows the task (it stopped more than about an hour ago); nothing to do.", now);
                    break;
                case TaskState.Mismatch:
                    // Never act on an answer about some other task.
                    Complete(timer, AutoStopStatus.Failed, "AWS answered about a different task than the timer's ARN; the task was not stopped.", now);
                    timer.LastError = timer.Outcome;
                    break;
                default:
                    var result = await commands.StopAsync(ConsoleUser.System(timer.SetBy), new AwsTarget(timer.Connection, timer.Region),
                        timer.Cluster, [timer.TaskArn], StopReason(timer.SetBy), ct).ConfigureAwait(false);
                    if (result.Succeeded)
                    {
                        Complete(timer, AutoStopStatus.Stopped, result.Message, Time.GetUtcNow());
                    }
                    else
                    {
                        Retry(timer, result.Message);
                    }

                    break;
            }
        }
        catch (AwsServiceException ex)
        {
            Retry(timer, ex.UserMessage);
        }

        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<TaskState> CheckTaskAsync(AutoStopTimer timer, CancellationToken ct)
    {
        var response = await clients.For(timer.Connection, timer.Region).Ecs
            .DescribeTasksAsync(new DescribeTasksRequest { Cluster = timer.Cluster, Tasks = [timer.TaskArn] }, ct).ConfigureAwait(false);
        var task = response.Tasks?.FirstOrDefault(t => string.Equals(t?.TaskArn, timer.TaskArn, StringComparison.Ordinal));
        if (task is null)
        {
            var missing = response.Failures?.Any(f => f?.Reason == "MISSING" && (f.Arn is null || f.Arn == timer.TaskArn)) == true;
            return missing ? TaskState.Gone : TaskState.Mismatch;
        }

        return task.LastStatus == "STOPPED" || task.DesiredStatus == "STOPPED" ? TaskState.AlreadyStopped : TaskState.Running;
    }

    private void Complete(AutoStopTimer timer, AutoStopStatus status, string outcome, DateTimeOffset now)
    {
        timer.Status = status;
        timer.Outcome = outcome;
        timer.CompletedAt = timer.UpdatedAt = now;
        timer.NextAttemptAt = null;
        timer.Attempts++;
        Logger.LogInformation("Auto-stop timer {Id} for {Task}: {Status} ({Outcome})", timer.Id, timer.TaskArn, status, outcome);
    }

    private void Retry(AutoStopTimer timer, string error)
    {
        var o = options.Value;
        timer.Attempts++;
        timer.LastError = error.Length > 1024 ? error[..1024] : error;
        timer.UpdatedAt = Time.GetUtcNow();
        if (timer.Attempts >= o.MaxAttempts)
        {
            timer.Status = AutoStopStatus.Failed;
            timer.CompletedAt = timer.UpdatedAt;
            timer.Outcome = $"Gave up after {timer.Attempts} attempts: {timer.LastError}";
            timer.NextAttemptAt = null;
            Logger.LogError("Auto-stop timer {Id} for {Task} failed for good: {Error}", timer.Id, timer.TaskArn, error);
            return;
        }

        timer.NextAttemptAt = timer.UpdatedAt + Backoff.Delay(timer.Attempts, o.RetryDelay, o.MaxRetryDelay);
        Logger.LogWarning("Auto-stop timer {Id} for {Task}: attempt {Attempt} failed ({Error}); retrying at {Next}",
            timer.Id, timer.TaskArn, timer.Attempts, error, timer.NextAttemptAt);
    }

    private enum TaskState
    {
        Running,
        AlreadyStopped,
        Gone,
        Mismatch,
    }
}
