using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Engine;

/// <summary>
/// The ECS service scheduler: keeps each service at its desired count, replaces tasks that stop,
/// rolls a new deployment out (start new tasks, stop the old ones once the new ones run) and writes
/// the service events AWS writes.
/// </summary>
internal static class ServiceScheduler
{
    private const int MaxEvents = 100;

    public static bool Reconcile(RegionContext ctx)
    {
        var changed = false;
        foreach (var service in ctx.Region.Services.Where(s => s.Status != "INACTIVE").ToList())
        {
            changed |= Reconcile(ctx, service);
        }

        return changed;
    }

    public static string NewDeploymentId() => "ecs-svc/" + Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture)[..19];

    public static void AddEvent(ServiceState service, DateTimeOffset at, string message)
    {
        service.Events.Insert(0, new ServiceEvent { Id = Guid.NewGuid().ToString(), CreatedAt = at, Message = message });
        if (service.Events.Count > MaxEvents) service.Events.RemoveRange(MaxEvents, service.Events.Count - MaxEvents);
    }

    private static bool Reconcile(RegionContext ctx, ServiceState service)
    {
        var t = ctx.Now;
        var changed = false;
        var tasks = ctx.Region.Tasks.Where(x => x.ServiceName == service.Name && x.ClusterName == service.ClusterName).ToList();

        foreach (var task in tasks.Where(x => x.Stop is { } s && t >= s.At && !x.StopHandled))
        {
            task.StopHandled = true;
            changed = true;
            if (task.Stop!.Code is "TaskFailedToStart" or "EssentialContainerExited"
                && service.Deployments.FirstOrDefault(d => d.Id == task.DeploymentId) is { } failedIn)
            {
                failedIn.FailedTasks++;
                if (failedIn.FailedTasks == 3)
                {
                    AddEvent(service, t, $"(service {service.Name}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
                }
            }
        }

        if (service.Status == "DRAINING")
        {
            changed |= StopTasks(ctx, service, [.. tasks.Where(x => TaskTimeline.IsWanted(x, t))], service.Deployments.FirstOrDefault()?.Id);
            if (tasks.All(x => TaskTimeline.IsStopped(x, t)))
            {
                service.Status = "INACTIVE";
                service.Deployments.Clear();
                changed = true;
            }

            return changed;
        }

        var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        if (primary is null) return changed;
        if (primary.DesiredCount != service.DesiredCount)
        {
            primary.DesiredCount = service.DesiredCount;
            primary.UpdatedAt = t;
            changed = true;
        }

        if (primary.RolloutState == "IN_PROGRESS" && service.DeploymentConfiguration.DeploymentCircuitBreaker?.Enable == true
            && primary.FailedTasks >= Math.Max(3, Math.Min(200, (int)Math.Ceiling(service.DesiredCount * 0.5))))
        {
            primary.RolloutState = "FAILED";
            primary.RolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
            primary.UpdatedAt = t;
            AddEvent(service, t, $"(service {service.Name}) (deployment {primary.Id}) deployment failed: tasks failed to start.");
            changed = true;
        }

        var primaryTasks = tasks.Where(x => x.DeploymentId == primary.Id && TaskTimeline.IsWanted(x, t)).ToList();
        var missing = service.DesiredCount - primaryTasks.Count;
        if (missing > 0 && primary.RolloutState != "FAILED")
        {
            changed |= StartTasks(ctx, service, primary, missing);
        }
        else if (missing < 0)
        {
            var surplus = primaryTasks
                .OrderBy(x => TaskTimeline.LastStatus(x, t) == TaskTimeline.Running ? 1 : 0)
                .ThenByDescending(x => x.CreatedAt)
                .Take(-missing)
                .ToList();
            changed |= StopTasks(ctx, service, surplus, primary.Id);
        }

        var primaryRunning = tasks.Count(x => x.DeploymentId == primary.Id && TaskTimeline.LastStatus(x, t) == TaskTimeline.Running);
        // Only tasks that have kept running for a while count as a successful rollout.
        var stabilized = t - ctx.Lifecycle.Stabilization;
        var primaryStable = tasks.Count(x => x.DeploymentId == primary.Id && TaskTimeline.LastStatus(x, t) == TaskTimeline.Running && x.RunningAt <= stabilized);
        foreach (var old in service.Deployments.Where(d => d != primary).ToList())
        {
            var oldTasks = tasks.Where(x => x.DeploymentId == old.Id).ToList();
            var stillWanted = oldTasks.Where(x => TaskTimeline.IsWanted(x, t)).ToList();
            // minimumHealthyPercent 100 / maximumPercent 200: the old tasks go once the new ones run.
            if (stillWanted.Count > 0 && primaryStable >= service.DesiredCount)
            {
                changed |= StopTasks(ctx, service, stillWanted, primary.Id);
            }

            if (stillWanted.Count == 0 && oldTasks.All(x => TaskTimeline.IsStopped(x, t)))
            {
                service.Deployments.Remove(old);
                changed = true;
            }
        }

        var steady = service.Deployments.Count == 1 && primaryRunning == service.DesiredCount && primaryTasks.Count == service.DesiredCount;
        if (steady && primaryStable == service.DesiredCount && primary.RolloutState == "IN_PROGRESS")
        {
            primary.RolloutState = "COMPLETED";
            primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
            primary.UpdatedAt = t;
            AddEvent(service, t, $"(service {service.Name}) (deployment {primary.Id}) deployment completed.");
            changed = true;
        }

        if (steady && !service.Steady)
        {
            AddEvent(service, t, $"(service {service.Name}) has reached a steady state.");
            changed = true;
        }

        if (steady != service.Steady)
        {
            service.Steady = steady;
            changed = true;
        }

        return changed;
    }

    private static bool StartTasks(RegionContext ctx, ServiceState service, DeploymentState deployment, int count)
    {
        var definition = ctx.Region.TaskDefinitions.FirstOrDefault(d => d.Definition.TaskDefinitionArn == deployment.TaskDefinitionArn)?.Definition;
        if (definition is null) return false;
        ResolvedNetwork network;
        try
        {
            network = TaskLauncher.ResolveNetwork(ctx, deployment.NetworkConfiguration ?? service.NetworkConfiguration);
        }
        catch (SandboxApiException ex)
        {
            AddEvent(service, ctx.Now, $"(service {service.Name}) was unable to place a task. Reason: {ex.Message}");
            return true;
        }

        var started = new List<TaskState>();
        for (var i = 0; i < count; i++)
        {
            started.Add(TaskLauncher.Launch(ctx, new LaunchSpec(
                service.ClusterName, definition, service.LaunchType, service.CapacityProvider, network,
                deployment.Id, $"service:{service.Name}", null,
                service.PropagateTags == "SERVICE" ? [.. service.Tags] : [],
                service.Name, deployment.Id, service.EnableExecuteCommand), ctx.Now));
        }

        AddEvent(service, ctx.Now, $"(service {service.Name}) has started {started.Count} tasks: {string.Join(' ', started.Select(x => $"(task {x.Id})"))}.");
        return true;
    }

    private static bool StopTasks(RegionContext ctx, ServiceState service, List<TaskState> tasks, string? deploymentId)
    {
        if (tasks.Count == 0) return false;
        foreach (var task in tasks)
        {
            TaskLauncher.RequestStop(ctx, task, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {deploymentId ?? task.DeploymentId})");
            task.StopHandled = true;
        }

        AddEvent(service, ctx.Now, $"(service {service.Name}) has stopped {tasks.Count} running tasks: {string.Join(' ', tasks.Select(x => $"(task {x.Id})"))}.");
        return true;
    }
}
