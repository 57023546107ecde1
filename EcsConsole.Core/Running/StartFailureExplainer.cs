namespace EcsConsole.Core.Running;

/// <summary>
/// Explains why a task stopped (or never started) in terms of what to change: the common Fargate
/// start failures name the usual culprit rather than only repeating AWS's message.
/// </summary>
public static class StartFailureExplainer
{
    /// <summary>Null for a task that has not stopped or was stopped on purpose.</summary>
    public static string? Explain(string? stopCode, string? stoppedReason, IEnumerable<string?> containerReasons)
    {
        var reasons = containerReasons.OfType<string>().Where(r => r.Length > 0).ToList();
        var all = string.Join(" ", reasons.Prepend(stoppedReason ?? ""));
        if (stopCode is null && stoppedReason is null && reasons.Count == 0) return null;
        if (Has(all, "CannotPullContainerError"))
        {
            return "The image could not be pulled. A task in a public subnet needs \"assign public IP\" on (or a NAT gateway in a private subnet) to reach the registry; also check the image name and tag, and that the execution role may pull from private ECR.";
        }

        if (Has(all, "ResourceInitializationError"))
        {
            return "ECS could not prepare the task (secrets, log group or registry auth). It needs a route to AWS (public IP or NAT), an execution role allowed to read the secrets and write logs, and an existing log group.";
        }

        if (Has(all, "OutOfMemory") || reasons.Any(r => r.Contains("exit code: 137", StringComparison.OrdinalIgnoreCase)))
        {
            return "A container ran out of memory and was killed; give the task (or the container) more memory.";
        }

        if (Has(all, "Capacity is unavailable"))
        {
            return "Fargate had no capacity in the zone; run again, add subnets in other zones, or use FARGATE instead of FARGATE_SPOT.";
        }

        return stopCode switch
        {
            "TaskFailedToStart" => $"The task failed to start: {stoppedReason ?? "no reason given"}.",
            "EssentialContainerExited" => $"An essential container exited, so ECS stopped the task{(reasons.Count > 0 ? $" ({string.Join("; ", reasons)})" : "")}. Its logs usually say why.",
            "SpotInterruption" => "Fargate Spot took the capacity back (two minutes' notice); run again or use FARGATE for work that must not be interrupted.",
            "ServiceSchedulerInitiated" => $"The service stopped the task: {stoppedReason ?? "replaced during a deployment or scale-in"}.",
            "TerminationNotice" => "AWS retired the underlying capacity; run the task again.",
            "UserInitiated" => null,
            _ => stoppedReason,
        };
    }

    private static bool Has(string text, string what) => text.Contains(what, StringComparison.OrdinalIgnoreCase);
}
