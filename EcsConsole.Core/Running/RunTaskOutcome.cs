using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Running;

/// <summary>A task RunTask started.</summary>
public sealed record StartedTask(string Arn, string TaskId, string LastStatus);

/// <summary>One item of RunTask's partial <c>failures</c>, in words.</summary>
public sealed record RunFailure(string? Arn, string Reason, string Detail, string Sentence);

/// <summary>What came of one run: the tasks that started and the per-item failures AWS reported.</summary>
public sealed record RunTaskOutcome(IReadOnlyList<StartedTask> Started, IReadOnlyList<RunFailure> Failures, int Requested)
{
    public string Summary(string taskDefinition, string cluster)
    {
        var started = Started.Count == 1 ? $"Started task {Started[0].TaskId}" : $"Started {Started.Count} tasks";
        var lead = $"{started} of {taskDefinition} on {cluster}.";
        return Failures.Count == 0 ? lead : $"{lead} {Requested - Started.Count} could not start: {string.Join(" ", Failures.Select(f => f.Sentence).Distinct())}";
    }

    public static string TaskIdOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}

/// <summary>Maps RunTask's terse failure reasons to sentences a person can act on.</summary>
public static class RunFailureMapper
{
    public static RunTaskOutcome ToOutcome(RunTaskResponse response, int requested)
        => new(
            [.. (response.Tasks ?? []).Where(t => t.TaskArn is not null)
                .Select(t => new StartedTask(t.TaskArn!, EcsArn.LastSegment(t.TaskArn!), t.LastStatus ?? "PROVISIONING"))],
            [.. (response.Failures ?? []).Select(ToFailure)],
            requested);

    public static RunFailure ToFailure(Failure failure)
    {
        var reason = failure.Reason ?? "";
        var detail = failure.Detail ?? "";
        var sentence = reason switch
        {
            _ when reason.Contains("Capacity is unavailable", StringComparison.OrdinalIgnoreCase)
                => "Fargate has no capacity for this task in the chosen zones right now; try again shortly, add subnets in other zones, or use FARGATE instead of FARGATE_SPOT.",
            "MISSING" => $"AWS could not find {Name(failure.Arn) ?? "the cluster or task definition"}; it may have been deleted.",
            "INACTIVE" => $"{Name(failure.Arn) ?? "The task definition"} is INACTIVE (deregistered); choose an ACTIVE revision.",
            _ when reason.StartsWith("RESOURCE:", StringComparison.Ordinal)
                => $"Not enough {reason["RESOURCE:".Length..].ToLowerInvariant()} is available to place the task.",
            "AGENT" => "The container agent on the chosen capacity is disconnected.",
            "ATTRIBUTE" => $"No capacity has the attributes the task definition requires{(detail.Length > 0 ? $" ({detail})" : "")}.",
            _ when reason.Contains("capacity provider", StringComparison.OrdinalIgnoreCase)
                => $"{reason.TrimEnd('.')}. Add the FARGATE and FARGATE_SPOT capacity providers to the cluster, or run with the FARGATE launch type.",
            _ => $"{reason.TrimEnd('.')}{(detail.Length > 0 ? $" ({detail})" : "")}.",
        };
        return new RunFailure(failure.Arn, reason, detail, sentence);
    }

    private static string? Name(string? arn) => arn is null ? null : arn[(arn.LastIndexOf('/') + 1)..];
}
