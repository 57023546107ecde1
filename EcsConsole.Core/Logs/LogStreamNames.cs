namespace EcsConsole.Core.Logs;

/// <summary>The awslogs stream naming rule: <c>&lt;prefix&gt;/&lt;container&gt;/&lt;task-id&gt;</c>.</summary>
public static class LogStreamNames
{
    public static string ForContainer(string prefix, string container, string taskId) => $"{prefix}/{container}/{taskId}";

    /// <summary>The task id is the last segment of a task ARN (arn:aws:ecs:region:acct:task/cluster/id).</summary>
    public static string TaskIdOf(string taskArnOrId)
    {
        var slash = taskArnOrId.LastIndexOf('/');
        return slash >= 0 ? taskArnOrId[(slash + 1)..] : taskArnOrId;
    }

    /// <summary>
    /// A short tag for a stream: the container name for awslogs streams (plus the first 8 characters
    /// of the task id when <paramref name="withTask"/>), otherwise the stream name itself.
    /// </summary>
    public static string TagFor(string stream, bool withTask)
    {
        var parts = stream.Split('/');
        if (parts.Length >= 3)
        {
            var container = parts[^2];
            var task = parts[^1];
            return withTask ? $"{container} · {(task.Length > 8 ? task[..8] : task)}" : container;
        }

        return stream;
    }
}
