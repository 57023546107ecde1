using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Engine;

/// <summary>
/// A task's state at a given time, computed from its timestamps alone, so that advancing a fake
/// clock is all a test needs to see a task move through its life.
/// </summary>
internal static class TaskTimeline
{
    public const string Provisioning = "PROVISIONING";
    public const string Pending = "PENDING";
    public const string Activating = "ACTIVATING";
    public const string Running = "RUNNING";
    public const string Stopping = "STOPPING";
    public const string Deprovisioning = "DEPROVISIONING";
    public const string Stopped = "STOPPED";

    public static string LastStatus(TaskState task, DateTimeOffset t)
    {
        if (task.Stop is { } stop && t >= stop.At)
        {
            if (t >= stop.StoppedAt) return Stopped;
            return t >= stop.DeprovisioningAt ? Deprovisioning : Stopping;
        }

        if (t >= task.RunningAt) return Running;
        if (t >= task.ActivatingAt) return Activating;
        return t >= task.PendingAt ? Pending : Provisioning;
    }

    public static string DesiredStatus(TaskState task, DateTimeOffset t)
        => task.Stop is { } stop && t >= stop.At ? Stopped : Running;

    /// <summary>Counts toward a service's running tasks: desired RUNNING at t.</summary>
    public static bool IsWanted(TaskState task, DateTimeOffset t) => DesiredStatus(task, t) == Running;

    public static bool IsStopped(TaskState task, DateTimeOffset t) => task.Stop is { } stop && t >= stop.StoppedAt;

    public static bool IsPendingLike(string status) => status is Provisioning or Pending or Activating;

    /// <summary>Whether the container process got to run (it has logs and an exit code).</summary>
    public static bool RanAt(TaskState task, DateTimeOffset t)
        => t >= task.RunningAt && (task.Stop is null || task.Stop.At > task.RunningAt);

    /// <summary>The ENI exists from the task's creation until the task is STOPPED.</summary>
    public static bool HasEni(TaskState task, DateTimeOffset t) => !IsStopped(task, t);

    /// <summary>The ENI attachment's status as ECS reports it.</summary>
    public static string AttachmentStatus(TaskState task, DateTimeOffset t)
    {
        if (IsStopped(task, t)) return "DELETED";
        if (task.Stop is { } stop && t >= stop.DeprovisioningAt) return "DETACHED";
        return t >= task.PendingAt ? "ATTACHED" : "PRECREATED";
    }

    /// <summary>ECS bumps a task's version on each state change; count the changes that have happened.</summary>
    public static long Version(TaskState task, DateTimeOffset t)
    {
        DateTimeOffset?[] moments = [task.CreatedAt, task.PendingAt, task.ActivatingAt, task.RunningAt,
            task.Stop?.At, task.Stop?.DeprovisioningAt, task.Stop?.StoppedAt];
        return moments.Count(m => m is { } v && v <= t && (task.Stop is null || v <= task.Stop.At || v == task.Stop.DeprovisioningAt || v == task.Stop.StoppedAt));
    }
}
