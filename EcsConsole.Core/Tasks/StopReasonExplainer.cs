namespace EcsConsole.Core.Tasks;

/// <summary>One container's ending, as ECS reports it.</summary>
public sealed record ContainerExit(string Name, int? ExitCode, string? Reason, bool Essential = true);

/// <summary>
/// Turns ECS's stop code, stopped reason and container exits into sentences a person can act on.
/// ECS's own words are terse ("Essential container in task exited"); the useful part is usually
/// which container, with what exit code, and what that code tends to mean.
/// </summary>
public static class StopReasonExplainer
{
    /// <summary>The sentences for a task as the watcher or DescribeTasks reports it.</summary>
    public static IReadOnlyList<string> Explain(EcsTaskDetail task)
        => Explain(task.Summary.StopCode is EcsStopCode.None or EcsStopCode.Unknown ? null : task.Summary.StopCode.ToString(),
            task.Summary.StoppedReason, Exits(task));

    /// <summary>The task's containers as endings (essential unless the task definition says otherwise).</summary>
    public static IReadOnlyList<ContainerExit> Exits(EcsTaskDetail task)
        => [.. task.Containers.Select(c => new ContainerExit(c.Name, c.ExitCode, c.Reason, !task.NonEssentialContainers.Contains(c.Name)))];

    public static IReadOnlyList<string> Explain(string? stopCode, string? stoppedReason, IReadOnlyList<ContainerExit> containers)
    {
        var sentences = new List<string>();
        var reason = stoppedReason ?? "";

        if (Contains(reason, "CannotPullContainerError") || containers.Any(c => Contains(c.Reason, "CannotPullContainerError")))
        {
            sentences.Add("The container image could not be pulled. Check that the image and tag exist, that the task execution role may pull it (ECR permissions), and that the task can reach the registry: a public IP (assignPublicIp ENABLED) in a public subnet, or a NAT gateway or VPC endpoints in a private one.");
        }

        if (Contains(reason, "ResourceInitializationError"))
        {
            sentences.Add("ECS could not prepare the task (secrets, logs or the image registry were unreachable). Check the execution role's permissions and the task's network path to AWS services.");
        }

        if (Contains(reason, "OutOfMemoryError") || containers.Any(c => Contains(c.Reason, "OutOfMemoryError")))
        {
            sentences.Add("A container ran out of memory and was killed. Give the task (or the container) more memory, or make the program use less.");
        }

        if (Contains(reason, "Capacity is unavailable"))
        {
            sentences.Add("Fargate had no capacity in the zone at the time. Run again, add subnets in other availability zones, or use FARGATE instead of FARGATE_SPOT.");
        }

        switch (stopCode)
        {
            case "UserInitiated":
                sentences.Add(string.IsNullOrWhiteSpace(reason)
                    ? "Someone stopped the task (a StopTask call)."
                    : $"Someone stopped the task: {reason}");
                break;
            case "ServiceSchedulerInitiated":
                sentences.Add("The service stopped this task itself: a deployment replaced it, the service scaled in, or a health check failed.");
                break;
            case "SpotInterruption":
                sentences.Add("Fargate Spot took the capacity back (a Spot interruption). A service starts a replacement; standalone tasks must be run again.");
                break;
            case "TerminationNotice":
                sentences.Add("AWS retired the underlying capacity (a termination notice, e.g. platform maintenance).");
                break;
            case "TaskFailedToStart":
                sentences.Add("The task never started. " + (string.IsNullOrWhiteSpace(reason) ? "ECS gave no further reason." : $"ECS said: {reason}"));
                break;
            case "EssentialContainerExited":
                var essential = containers.Where(c => c.Essential && c.ExitCode is not null).ToList();
                var names = essential.Count > 0 ? string.Join(", ", essential.Select(c => c.Name)) : "an essential container";
                sentences.Add($"The task stopped because {names} exited; when an essential container ends, ECS stops the whole task.");
                break;
        }

        foreach (var c in containers.Where(c => c.ExitCode is not null))
        {
            sentences.Add($"Container {c.Name} exited with code {c.ExitCode}: {ExitCodeMeaning(c.ExitCode!.Value)}");
        }

        if (sentences.Count == 0 && !string.IsNullOrWhiteSpace(reason))
        {
            sentences.Add($"ECS said: {reason}");
        }

        return sentences;
    }

    /// <summary>What an exit code usually means for a program in a Linux container.</summary>
    public static string ExitCodeMeaning(int code) => code switch
    {
        0 => "it finished normally.",
        1 => "the program reported an error (check its logs).",
        2 => "the program was started wrongly (often a bad command or argument).",
        126 => "the command could not be executed (not executable, or the wrong architecture).",
        127 => "the command was not found in the image.",
        137 => "it was killed (SIGKILL), most likely because it ran out of memory, or because it ignored the stop signal for 30 s.",
        139 => "it crashed with a segmentation fault.",
        143 => "it was asked to stop (SIGTERM) and did.",
        255 => "the program exited with an unspecified error.",
        > 128 and < 160 => $"it was ended by signal {code - 128}.",
        _ => "the program reported this code (check its logs).",
    };

    private static bool Contains(string? text, string value) => text?.Contains(value, StringComparison.OrdinalIgnoreCase) == true;
}
