using System.Globalization;
using EcsConsole.Core.Access;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Running;

namespace EcsConsole.Core.Services;

/// <summary>What a service command changed.</summary>
public sealed record ServiceChange(string ServiceName, int DesiredCount, string? DeploymentId, string Message);

/// <summary>
/// Creates, updates, parks, unparks and deletes services, each through <see cref="CommandRunner"/>.
/// Permissions: creating, deleting and deploying a new revision change what runs, so they need
/// ManageServices (Admin); scaling, parking and forcing a new deployment of the same revision are
/// day-to-day operations and need ScaleServices (Operator).
/// </summary>
public sealed class ServiceManager(AwsClientFactory clients, CommandRunner commands, ParkStore parks, RunPresetStore presets)
{
    public static ConsolePermission PermissionFor(ServiceUpdate update)
        => update.ChangesRevision ? ConsolePermission.ManageServices : ConsolePermission.ScaleServices;

    public async Task<CommandResult<ServiceChange>> CreateAsync(
        ConsoleUser actor, AwsTarget target, ServiceCreateSubmission submission, NetworkChoices? network, CancellationToken ct)
    {
        var plan = submission.Plan;
        var cluster = RunPresetStore.ClusterKey(plan.Cluster);
        var request = new CommandRequest(actor, ConsolePermission.ManageServices, "CreateService", target, $"{cluster}/{plan.ServiceName}",
            new Dictionary<string, string>
            {
                ["taskDefinition"] = plan.TaskDefinition,
                ["desiredCount"] = Num(plan.DesiredCount),
                ["capacity"] = plan.Capacity.ToString(),
                ["deployment"] = $"min {plan.MinimumHealthyPercent}% max {plan.MaximumPercent}% circuitBreaker {plan.CircuitBreaker} rollback {plan.Rollback}",
                ["clientToken"] = submission.ClientToken,
            });
        return await commands.RunAsync(request, async c =>
        {
            var problems = ServicePlanValidator.Validate(plan, network);
            if (problems.Count > 0) throw new CommandRejectedException(string.Join(" ", problems.Select(p => p.Message).Distinct()));
            var response = await Ecs(target).CreateServiceAsync(BuildCreateRequest(submission, actor.StartedBy), c).ConfigureAwait(false);
            await presets.SaveAsync(target.Connection, target.Region, cluster, plan.Family, plan.Network, plan.Capacity,
                plan.PlatformVersion, actor.Name, CancellationToken.None).ConfigureAwait(false);
            var service = response.Service;
            return new ServiceChange(plan.ServiceName, service?.DesiredCount ?? plan.DesiredCount, PrimaryDeployment(service),
                $"Created service {plan.ServiceName} on {cluster} with {Tasks(plan.DesiredCount)} of {plan.TaskDefinition}.");
        }, v => v.Message, ct).ConfigureAwait(false);
    }

    public static CreateServiceRequest BuildCreateRequest(ServiceCreateSubmission submission, string createdBy)
    {
        var plan = submission.Plan;
        return new CreateServiceRequest
        {
            Cluster = plan.Cluster,
            ServiceName = plan.ServiceName,
            TaskDefinition = plan.TaskDefinition,
            DesiredCount = plan.DesiredCount,
            LaunchType = RunTaskRequestBuilder.LaunchTypeOf(plan.Capacity),
            CapacityProviderStrategy = RunTaskRequestBuilder.StrategyOf(plan.Capacity),
            PlatformVersion = string.IsNullOrWhiteSpace(plan.PlatformVersion) ? null : plan.PlatformVersion,
            NetworkConfiguration = RunTaskRequestBuilder.NetworkOf(plan.Network),
            DeploymentConfiguration = new DeploymentConfiguration
            {
                MinimumHealthyPercent = plan.MinimumHealthyPercent,
                MaximumPercent = plan.MaximumPercent,
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = plan.CircuitBreaker, Rollback = plan.CircuitBreaker && plan.Rollback },
            },
            SchedulingStrategy = "REPLICA",
            Tags = RunTaskRequestBuilder.TagsOf(plan.Tags, createdBy),
            PropagateTags = "SERVICE",
            ClientToken = submission.ClientToken,
        };
    }

    /// <summary>
    /// Sets a service's desired count: the scale button, and the stop dialog's "scale instead" (stopping
    /// a service's task only makes ECS start a replacement). <paramref name="reason"/> goes to the audit trail.
    /// </summary>
    public async Task<CommandResult<ServiceChange>> ScaleAsync(
        ConsoleUser actor, AwsTarget target, string cluster, string service, int desiredCount, string? reason, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.ScaleServices, "ScaleService", target, $"{cluster}/{service}",
            new Dictionary<string, string> { ["desiredCount"] = Num(desiredCount) }, reason);
        return await commands.RunAsync(request, async c =>
        {
            var problems = new List<PlanProblem>();
            if (string.IsNullOrWhiteSpace(service)) problems.Add(new("service", "Choose the service to scale."));
            ServicePlanValidator.CheckDesiredCount(desiredCount, problems);
            if (problems.Count > 0) throw new CommandRejectedException(string.Join(" ", problems.Select(p => p.Message)));
            var response = await Ecs(target).UpdateServiceAsync(new UpdateServiceRequest
            {
                Cluster = cluster,
                Service = service,
                DesiredCount = desiredCount,
            }, c).ConfigureAwait(false);
            var s = response.Service;
            var now = s?.DesiredCount ?? desiredCount;
            return new ServiceChange(service, now, PrimaryDeployment(s), $"Scaled {service} to {Tasks(now)}.");
        }, v => v.Message, ct).ConfigureAwait(false);
    }

    /// <summary>Deploys a new revision (Admin) or forces a new deployment of the same one (Operator).</summary>
    public async Task<CommandResult<ServiceChange>> UpdateAsync(
        ConsoleUser actor, AwsTarget target, string cluster, string service, ServiceUpdate update, CancellationToken ct)
    {
        var parameters = new Dictionary<string, string>();
        if (update.ChangesRevision) parameters["taskDefinition"] = update.TaskDefinition!;
        if (update.ForceNewDeployment) parameters["forceNewDeployment"] = "true";
        var action = update.ChangesRevision ? "DeployRevision" : "ForceNewDeployment";
        var request = new CommandRequest(actor, PermissionFor(update), action, target, $"{cluster}/{service}", parameters);
        return await commands.RunAsync(request, async c =>
        {
            var problems = new List<PlanProblem>();
            if (update.IsEmpty) problems.Add(new("update", "Nothing to change: give a revision or force a new deployment."));
            if (update.ChangesRevision) RunTaskValidator.CheckTaskDefinition(update.TaskDefinition, problems);
            if (problems.Count > 0) throw new CommandRejectedException(string.Join(" ", problems.Select(p => p.Message)));
            var response = await Ecs(target).UpdateServiceAsync(new UpdateServiceRequest
            {
                Cluster = cluster,
                Service = service,
                TaskDefinition = update.ChangesRevision ? update.TaskDefinition : null,
                ForceNewDeployment = update.ForceNewDeployment ? true : null,
            }, c).ConfigureAwait(false);
            var s = response.Service;
            var message = update.ChangesRevision
                ? $"Deploying {update.TaskDefinition} to {service}."
                : $"Started a new deployment of {service}: its tasks are being replaced.";
            return new ServiceChange(service, s?.DesiredCount ?? 0, PrimaryDeployment(s), message);
        }, v => v.Message, ct).ConfigureAwait(false);
    }

    /// <summary>Scales a service to 0, remembering its count (in the database and as a service tag).</summary>
    public async Task<CommandResult<ServiceChange>> ParkAsync(ConsoleUser actor, AwsTarget target, string cluster, string service, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.ScaleServices, "ParkService", target, $"{cluster}/{service}");
        return await commands.RunAsync(request, c => ParkCoreAsync(actor, target, cluster, service, c), v => v.Message, ct).ConfigureAwait(false);
    }

    /// <summary>Brings a parked service back to its remembered count (1 when nothing is remembered).</summary>
    public async Task<CommandResult<ServiceChange>> UnparkAsync(ConsoleUser actor, AwsTarget target, string cluster, string service, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.ScaleServices, "UnparkService", target, $"{cluster}/{service}");
        return await commands.RunAsync(request, c => UnparkCoreAsync(target, cluster, service, c), v => v.Message, ct).ConfigureAwait(false);
    }

    /// <summary>Parks every service of a cluster; each service is its own audited command.</summary>
    public Task<IReadOnlyList<CommandResult<ServiceChange>>> ParkAllAsync(ConsoleUser actor, AwsTarget target, string cluster, CancellationToken ct)
        => ForEachServiceAsync(target, cluster, s => ParkAsync(actor, target, cluster, s, ct), ct);

    public Task<IReadOnlyList<CommandResult<ServiceChange>>> UnparkAllAsync(ConsoleUser actor, AwsTarget target, string cluster, CancellationToken ct)
        => ForEachServiceAsync(target, cluster, s => UnparkAsync(actor, target, cluster, s, ct), ct);

    /// <summary>One sentence for a park-all or unpark-all.</summary>
    public static string Summarize(string verb, IReadOnlyList<CommandResult<ServiceChange>> results)
    {
        if (results.Count == 0) return "The cluster has no services.";
        var failed = results.Where(r => !r.Succeeded).ToList();
        var lead = $"{verb} {results.Count - failed.Count} of {results.Count} services.";
        return failed.Count == 0 ? lead : $"{lead} {string.Join(" ", failed.Select(f => f.Message).Distinct())}";
    }

    /// <summary>Scales the service to 0 and deletes it. <paramref name="typedName"/> must repeat the service's name.</summary>
    public async Task<CommandResult<ServiceChange>> DeleteAsync(
        ConsoleUser actor, AwsTarget target, string cluster, string service, string? typedName, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.ManageServices, "DeleteService", target, $"{cluster}/{service}");
        return await commands.RunAsync(request, async c =>
        {
            if (!string.Equals(typedName?.Trim(), service, StringComparison.Ordinal))
            {
                throw new CommandRejectedException($"Type the service name ({service}) to confirm the deletion.");
            }

            var ecs = Ecs(target);
            var current = await DescribeAsync(target, cluster, service, c).ConfigureAwait(false);
            // DeleteService refuses a service that still has desired tasks unless forced; scaling first
            // lets ECS drain the tasks the normal way.
            if ((current.DesiredCount ?? 0) > 0)
            {
                await ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = cluster, Service = service, DesiredCount = 0 }, c).ConfigureAwait(false);
            }

            await ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = cluster, Service = service }, c).ConfigureAwait(false);
            await parks.ForgetAsync(target.Connection, target.Region, cluster, service, CancellationToken.None).ConfigureAwait(false);
            return new ServiceChange(service, 0, null, $"Deleted service {service}: its tasks are stopping and it disappears once they have.");
        }, v => v.Message, ct).ConfigureAwait(false);
    }

    /// <summary>The remembered count of a parked service, if any (for the "Unpark" button's label).</summary>
    public Task<int?> RememberedCountAsync(AwsTarget target, string cluster, string service, CancellationToken ct)
        => parks.RememberedCountAsync(target.Connection, target.Region, cluster, service, ct);

    private async Task<ServiceChange> ParkCoreAsync(ConsoleUser actor, AwsTarget target, string cluster, string service, CancellationToken ct)
    {
        var current = await DescribeAsync(target, cluster, service, ct).ConfigureAwait(false);
        var remembered = await parks.RememberedCountAsync(target.Connection, target.Region, cluster, service, ct).ConfigureAwait(false);
        var decision = ParkMath.Park(service, current.DesiredCount ?? 0, remembered, TaggedCount(current));
        if (decision.ScaleToZero)
        {
            var ecs = Ecs(target);
            // Remember first: if scaling fails we still know the count; if tagging fails the DB copy stands.
            await parks.RememberAsync(target.Connection, target.Region, cluster, service, decision.Remember!.Value, actor.Name, ct).ConfigureAwait(false);
            await ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = cluster, Service = service, DesiredCount = 0 }, ct).ConfigureAwait(false);
            if (current.ServiceArn is { } arn)
            {
                await ecs.TagResourceAsync(new TagResourceRequest
                {
                    ResourceArn = arn,
                    Tags = [new Tag { Key = RunTags.ParkedDesiredCount, Value = Num(decision.Remember.Value) }],
                }, ct).ConfigureAwait(false);
            }
        }
        else if (decision.Remember is { } keep && remembered is null)
        {
            // Parked elsewhere (only the tag knows): copy the count into the database.
            await parks.RememberAsync(target.Connection, target.Region, cluster, service, keep, actor.Name, ct).ConfigureAwait(false);
        }

        return new ServiceChange(service, 0, null, decision.Message);
    }

    private async Task<ServiceChange> UnparkCoreAsync(AwsTarget target, string cluster, string service, CancellationToken ct)
    {
        var current = await DescribeAsync(target, cluster, service, ct).ConfigureAwait(false);
        var remembered = await parks.RememberedCountAsync(target.Connection, target.Region, cluster, service, ct).ConfigureAwait(false);
        var desired = current.DesiredCount ?? 0;
        var decision = ParkMath.Unpark(service, desired, remembered, TaggedCount(current));
        var ecs = Ecs(target);
        if (decision.DesiredCount != desired)
        {
            await ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = cluster, Service = service, DesiredCount = decision.DesiredCount }, ct)
                .ConfigureAwait(false);
        }

        if (current.ServiceArn is { } arn && TaggedCount(current) is not null)
        {
            await ecs.UntagResourceAsync(new UntagResourceRequest { ResourceArn = arn, TagKeys = [RunTags.ParkedDesiredCount] }, ct).ConfigureAwait(false);
        }

        await parks.ForgetAsync(target.Connection, target.Region, cluster, service, ct).ConfigureAwait(false);
        return new ServiceChange(service, decision.DesiredCount, null, decision.Message);
    }

    private async Task<IReadOnlyList<CommandResult<ServiceChange>>> ForEachServiceAsync(
        AwsTarget target, string cluster, Func<string, Task<CommandResult<ServiceChange>>> each, CancellationToken ct)
    {
        var names = new List<string>();
        await foreach (var arn in Ecs(target).ListAllServicesAsync(cluster, ct).ConfigureAwait(false))
        {
            names.Add(arn[(arn.LastIndexOf('/') + 1)..]);
        }

        var results = new List<CommandResult<ServiceChange>>(names.Count);
        // One at a time: UpdateService shares the account's rate limit with everyone else's console.
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            results.Add(await each(name).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<Service> DescribeAsync(AwsTarget target, string cluster, string service, CancellationToken ct)
    {
        var response = await Ecs(target).DescribeServicesAsync(new DescribeServicesRequest
        {
            Cluster = cluster,
            Services = [service],
            Include = ["TAGS"],
        }, ct).ConfigureAwait(false);
        return response.Services?.FirstOrDefault(s => s.Status != "INACTIVE")
               ?? throw new AwsServiceException("ECS", "DescribeServices", "ServiceNotFoundException",
                   $"Service {service} was not found on cluster {cluster}.", AwsErrorKind.NotFound);
    }

    private static int? TaggedCount(Service service)
        => ParkMath.ParseTag(service.Tags?.FirstOrDefault(t => t.Key == RunTags.ParkedDesiredCount)?.Value);

    private static string? PrimaryDeployment(Service? service) => service?.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY")?.Id;

    private EcsClient Ecs(AwsTarget target) => clients.For(target.Connection, target.Region).Ecs;

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Tasks(int n) => n == 1 ? "1 task" : $"{n} tasks";
}
