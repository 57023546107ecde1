namespace EcsConsole.Core.Logs;

/// <summary>Where one container's output can be read, or why it cannot be read here.</summary>
/// <param name="Stream">The awslogs group and stream; null when <paramref name="Explanation"/> says why there is none.</param>
/// <param name="Region">The region the logs live in (awslogs-region, else the task's region).</param>
public sealed record ContainerLogSource(
    string TaskId,
    string Container,
    string LogDriver,
    LogStreamRef? Stream,
    string Region,
    string? Explanation)
{
    public bool IsReadable => Stream is not null;
}

/// <summary>The log sources of one ECS task, with the times that bound its history.</summary>
public sealed record EcsTaskLogSources(
    string Cluster,
    string TaskArn,
    string TaskId,
    string LastStatus,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    IReadOnlyList<ContainerLogSource> Containers)
{
    public bool IsStopped => LastStatus is "STOPPED" or "DEPROVISIONING" || StoppedAt is not null;
}
