namespace EcsConsole.Core.AutoStop;

/// <summary>Wakes a sleeping scheduler when timers (or schedules) change, so a new earliest expiry is not missed.</summary>
public sealed class SchedulerSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref _changed).Task;
}
