using EcsConsole.Core.Access;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Commands;

namespace EcsConsole.Core.Tasks;

/// <summary>How stopping one task ended.</summary>
public enum EcsTaskStopOutcome
{
    /// <summary>AWS accepted the stop; the task is on its way to STOPPED.</summary>
    Stopping,

    /// <summary>The task was already stopping or stopped: nothing to do, and not an error.</summary>
    AlreadyStopped,

    Failed,
    Refused,
}

/// <summary>One task's part of a (bulk) stop.</summary>
public sealed record EcsTaskStopResult(string TaskArn, EcsTaskStopOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome is EcsTaskStopOutcome.Stopping or EcsTaskStopOutcome.AlreadyStopped;

    public string TaskId => EcsArn.LastSegment(TaskArn);
}

/// <summary>A bulk stop, task by task, with a summary sentence for the snackbar.</summary>
public sealed record EcsTaskStopBatch(IReadOnlyList<EcsTaskStopResult> Results)
{
    public bool AllSucceeded => Results.All(r => r.Succeeded);

    public string Summary
    {
        get
        {
            if (Results.Count == 1) return Results[0].Message;
            var stopping = Results.Count(r => r.Outcome == EcsTaskStopOutcome.Stopping);
            var already = Results.Count(r => r.Outcome == EcsTaskStopOutcome.AlreadyStopped);
            var failed = Results.Where(r => !r.Succeeded).ToList();
            var parts = new List<string>();
            if (stopping > 0) parts.Add($"{stopping} task{(stopping == 1 ? "" : "s")} stopping");
            if (already > 0) parts.Add($"{already} already stopped");
            if (failed.Count > 0) parts.Add($"{failed.Count} failed ({failed[0].TaskId}: {failed[0].Message})");
            return string.Join("; ", parts) + ".";
        }
    }
}

/// <summary>Stopping tasks: checked, audited, and sent to AWS through <see cref="CommandRunner"/>.</summary>
public sealed class EcsTaskCommands(AwsClientFactory clients, CommandRunner runner)
{
    /// <summary>StopTask's reason is cut by AWS at 255 characters.</summary>
    public const int MaxReasonLength = 255;

    /// <summary>Tasks one confirmation may stop (a guard against selecting a whole cluster by mistake).</summary>
    public const int MaxTasksPerStop = 100;

    /// <summary>The reason as AWS will store it: who stopped it, then why, within AWS's limit.</summary>
    public static string AwsReason(ConsoleUser actor, string reason)
    {
        var prefix = $"Stopped by {actor.Name} via EcsConsole: ";
        var text = reason.Trim().ReplaceLineEndings(" ");
        if (prefix.Length + text.Length <= MaxReasonLength) return prefix + text;
        if (prefix.Length > MaxReasonLength - 20) prefix = "Stopped via EcsConsole: ";
        var room = MaxReasonLength - prefix.Length - 1;
        return prefix + text[..Math.Max(0, room)] + "…";
    }

    /// <summary>Why the input cannot be sent, or null when it can (shown at the field before anything runs).</summary>
    public static string? Validate(IReadOnlyCollection<string> taskArns, string? reason)
    {
        if (taskArns.Count == 0) return "Select at least one task to stop.";
        if (taskArns.Count > MaxTasksPerStop) return $"At most {MaxTasksPerStop} tasks can be stopped at once; {taskArns.Count} are selected.";
        if (string.IsNullOrWhiteSpace(reason)) return "Say why the task is being stopped; the reason is kept in AWS and in the audit trail.";
        return null;
    }

    public async Task<CommandResult<EcsTaskStopBatch>> StopAsync(
        ConsoleUser actor, AwsTarget target, string cluster, IReadOnlyList<string> taskArns, string reason, CancellationToken ct)
    {
        var distinct = taskArns.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).ToList();
        var invalid = Validate(distinct, reason);
        if (invalid is not null)
        {
            // Audited as Rejected: nothing goes to AWS.
            return await runner.RunAsync<EcsTaskStopBatch>(
                Request(actor, target, cluster, distinct.Count == 1 ? distinct[0] : $"{distinct.Count} tasks", reason),
                _ => throw new CommandRejectedException(invalid), _ => "", ct).ConfigureAwait(false);
        }

        var awsReason = AwsReason(actor, reason);
        var results = new List<EcsTaskStopResult>(distinct.Count);

        var ecs = clients.For(target.Connection, target.Region).Ecs;
        foreach (var arn in distinct)
        {
            // One audit entry per task: the trail answers "who stopped task X" directly.
            var result = await runner.RunAsync(
                Request(actor, target, cluster, arn, reason),
                async c => (await ecs.StopTaskAsync(new StopTaskRequest { Cluster = cluster, Task = arn, Reason = awsReason }, c).ConfigureAwait(false)).Task,
                task => StoppedMessage(arn, task, awsReason),
                ct).ConfigureAwait(false);
            var outcome = result switch
            {
                { Succeeded: true, Value: { } t } when WasAlreadyStopped(t, awsReason) => EcsTaskStopOutcome.AlreadyStopped,
                { Succeeded: true } => EcsTaskStopOutcome.Stopping,
                { Refused: true } => EcsTaskStopOutcome.Refused,
                _ => EcsTaskStopOutcome.Failed,
            };
            results.Add(new EcsTaskStopResult(arn, outcome, result.Message));
            if (result.Refused) break;
        }

        var batch = new EcsTaskStopBatch(results);
        var refused = results.Any(r => r.Outcome == EcsTaskStopOutcome.Refused);
        return new CommandResult<EcsTaskStopBatch>(batch.AllSucceeded, batch.Summary, batch,
            batch.AllSucceeded ? null : refused ? AwsErrorKind.AccessDenied : AwsErrorKind.Unknown,
            batch.AllSucceeded ? Audit.AuditOutcome.Succeeded : refused ? Audit.AuditOutcome.Refused : Audit.AuditOutcome.Failed,
            null);
    }

    private static CommandRequest Request(ConsoleUser actor, AwsTarget target, string cluster, string resource, string reason)
        => new(actor, ConsolePermission.StopTasks, "StopTask", target, $"{cluster}/{EcsArn.LastSegment(resource)}",
            new Dictionary<string, string> { ["cluster"] = cluster, ["task"] = resource }, reason);

    // AWS keeps the first stop's reason: a different one means someone (or ECS) stopped it before us.
    private static bool WasAlreadyStopped(EcsTask task, string ourReason)
        => task.LastStatus == "STOPPED" || (task.StoppedReason is { Length: > 0 } r && r != ourReason);

    private static string StoppedMessage(string arn, EcsTask? task, string ourReason)
        => task is not null && WasAlreadyStopped(task, ourReason)
            ? $"Task {EcsArn.LastSegment(arn)} was already stopped."
            : $"Task {EcsArn.LastSegment(arn)} is stopping.";
}
