using System.Collections.Concurrent;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.History;
using EcsConsole.Core.Services;
using EcsConsole.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.Live;

/// <summary>Which cluster a watcher looks at.</summary>
public sealed record ClusterKey(string Connection, string Region, string Cluster);

/// <summary>A cluster's services and tasks (running and recently stopped) at one moment.</summary>
public sealed record ClusterSnapshot(
    ClusterKey Key,
    IReadOnlyList<EcsServiceSummary> Services,
    IReadOnlyList<EcsTaskDetail> Tasks,
    LiveStatus Status);

/// <summary>One change in a watched cluster.</summary>
public abstract record ClusterChange
{
    public sealed record ServiceUpdated(EcsServiceSummary Service) : ClusterChange;

    public sealed record ServiceRemoved(string Arn) : ClusterChange;

    public sealed record TaskUpdated(EcsTaskDetail Task) : ClusterChange;

    /// <summary>AWS no longer lists the task (stopped more than about an hour ago); History still has it.</summary>
    public sealed record TaskRemoved(string Arn) : ClusterChange;

    public sealed record StatusChanged(LiveStatus Status) : ClusterChange;

    /// <summary>The subscriber fell behind: replace everything with this state.</summary>
    public sealed record Resynced(ClusterSnapshot Snapshot) : ClusterChange;
}

/// <summary>
/// Watches one cluster for everyone. Per refresh: ListServices (paged) + DescribeServices in 10s,
/// ListTasks for desired RUNNING and STOPPED (paged) + DescribeTasks in 100s (tasks already seen
/// STOPPED are final and not described again), DescribeTaskDefinition once per new revision (for
/// port mappings), and one DescribeNetworkInterfaces for ENIs not seen before. The public IP is
/// remembered per ENI, and per task after the ENI is gone.
/// </summary>
public sealed class ClusterWatcher(
    ClusterKey key,
    AwsClientFactory clients,
    TaskHistory? history,
    LiveOptions options,
    TimeProvider time,
    ILogger logger)
    : LiveWatcher<ClusterSnapshot, ClusterChange>(options, time, logger)
{
    private readonly LiveTable<EcsServiceSummary> _services = new(s => s.Arn);
    private readonly LiveTable<EcsTaskDetail> _tasks = new(t => t.Arn);
    private readonly Dictionary<string, string?> _publicIpByEni = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskDefinition?> _definitions = new(StringComparer.Ordinal);

    public ClusterKey Key => key;

    protected override string Describe => $"Cluster watcher {key.Connection}/{key.Region}/{key.Cluster}";

    protected override async Task<IReadOnlyList<ClusterChange>> RefreshAsync(CancellationToken ct)
    {
        var aws = clients.For(key.Connection, key.Region);
        var ecs = aws.Ecs;

        var serviceArns = await ToListAsync(ecs.ListAllServicesAsync(key.Cluster, ct), ct).ConfigureAwait(false);
        var services = serviceArns.Count == 0 ? [] : await ecs.DescribeServicesBatchedAsync(key.Cluster, serviceArns, ct).ConfigureAwait(false);

        var running = await ToListAsync(ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = key.Cluster, DesiredStatus = "RUNNING" }, ct), ct).ConfigureAwait(false);
        var stopped = await ToListAsync(ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = key.Cluster, DesiredStatus = "STOPPED" }, ct), ct).ConfigureAwait(false);
        var known = _tasks.Items;
        var listed = running.Concat(stopped).Distinct(StringComparer.Ordinal).ToList();
        // A STOPPED task never changes again: keep what we have instead of describing it every time.
        var toDescribe = listed.Where(a => !(known.TryGetValue(a, out var t) && t.IsStopped)).ToList();
        var described = toDescribe.Count == 0 ? [] : await ecs.DescribeTasksBatchedAsync(key.Cluster, toDescribe, ct).ConfigureAwait(false);

        await LoadDefinitionsAsync(ecs, described, ct).ConfigureAwait(false);
        await ResolvePublicIpsAsync(aws, described, ct).ConfigureAwait(false);

        var tasks = new List<EcsTaskDetail>(listed.Count);
        var fresh = described.Where(t => t.TaskArn is not null).ToDictionary(t => t.TaskArn!, StringComparer.Ordinal);
        foreach (var arn in listed)
        {
            if (fresh.TryGetValue(arn, out var wire))
            {
                var eni = EniOf(wire);
                var ip = eni is not null && _publicIpByEni.TryGetValue(eni, out var found) ? found : null;
                // The ENI is deleted while the task deprovisions; the address it had stays on the task.
                ip ??= known.TryGetValue(arn, out var before) ? before.PublicIp : null;
                _definitions.TryGetValue(wire.TaskDefinitionArn ?? "", out var definition);
                var containers = definition?.ContainerDefinitions ?? [];
                tasks.Add(EcsTaskMapper.ToDetail(wire) with
                {
                    PublicIp = ip,
                    PortMappings = [.. containers.SelectMany(c => (c.PortMappings ?? []).Where(p => p.ContainerPort is not null)
                        .Select(p => new EcsPortMapping(c.Name ?? "", p.ContainerPort!.Value, p.Protocol ?? "tcp")))],
                    NonEssentialContainers = [.. containers.Where(c => c.Essential == false && c.Name is not null).Select(c => c.Name!)],
                    // For pricing: architecture only the definition knows; OS and storage when the task itself does not say.
                    CpuArchitecture = definition?.RuntimePlatform?.CpuArchitecture,
                    OsFamily = wire.PlatformFamily ?? definition?.RuntimePlatform?.OperatingSystemFamily,
                    EphemeralStorageGiB = wire.EphemeralStorage?.SizeInGiB ?? definition?.EphemeralStorage?.SizeInGiB,
                });
            }
            else if (known.TryGetValue(arn, out var kept))
            {
                tasks.Add(kept);
            }
        }

        var (changedServices, removedServices) = _services.Replace(services.Select(EcsServiceMapper.ToSummary));
        var (changedTasks, removedTasks) = _tasks.Replace(tasks);
        ForgetEnis();

        if (history is not null && changedTasks.Count > 0)
        {
            try
            {
                await history.UpsertAsync(key, changedTasks, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // History is a record for later; a database hiccup must not stop the live view.
                Logger.LogError(ex, "Could not record task history for {Cluster}", key.Cluster);
            }
        }

        return
        [
            .. changedServices.Select(s => new ClusterChange.ServiceUpdated(s)),
            .. removedServices.Select(a => new ClusterChange.ServiceRemoved(a)),
            .. changedTasks.Select(t => new ClusterChange.TaskUpdated(t)),
            .. removedTasks.Select(a => new ClusterChange.TaskRemoved(a)),
        ];
    }

    protected override ClusterSnapshot CreateSnapshot(LiveStatus status)
        => new(key, [.. _services.Items.Values.OrderBy(s => s.Name, StringComparer.Ordinal)], [.. _tasks.Items.Values], status);

    protected override ClusterChange StatusChange(LiveStatus status) => new ClusterChange.StatusChanged(status);

    protected override ClusterChange Resync(ClusterSnapshot snapshot) => new ClusterChange.Resynced(snapshot);

    private async Task LoadDefinitionsAsync(Aws.Ecs.EcsClient ecs, IReadOnlyList<EcsTask> tasks, CancellationToken ct)
    {
        // A task definition revision is immutable: one DescribeTaskDefinition per revision, ever.
        foreach (var arn in tasks.Select(t => t.TaskDefinitionArn).OfType<string>().Distinct(StringComparer.Ordinal)
                     .Where(a => !_definitions.ContainsKey(a)))
        {
            try
            {
                var response = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = arn }, ct).ConfigureAwait(false);
                _definitions[arn] = response.TaskDefinition;
            }
            catch (AwsServiceException ex) when (ex.Kind is AwsErrorKind.NotFound or AwsErrorKind.AccessDenied or AwsErrorKind.InvalidInput)
            {
                // Without it the task simply shows no port links; not a reason to fail the refresh.
                _definitions[arn] = null;
            }
        }
    }

    private async Task ResolvePublicIpsAsync(AwsClients aws, IReadOnlyList<EcsTask> tasks, CancellationToken ct)
    {
        var wanted = tasks
            .Where(t => t.LastStatus is not "STOPPED" and not "DEPROVISIONING")
            .Select(t => (Task: t, Eni: EniOf(t)))
            .Where(x => x.Eni is not null && !_publicIpByEni.ContainsKey(x.Eni))
            .ToList();
        if (wanted.Count == 0) return;
        var found = await aws.Ec2.DescribeNetworkInterfacesAsync([.. wanted.Select(w => w.Eni!)], ct).ConfigureAwait(false);
        var byId = found.Where(n => n.NetworkInterfaceId is not null).ToDictionary(n => n.NetworkInterfaceId!, StringComparer.Ordinal);
        foreach (var (task, eni) in wanted)
        {
            var ip = byId.TryGetValue(eni!, out var n) ? n.Association?.PublicIp : null;
            // Until the task runs the address may not be associated yet: ask again next time.
            if (ip is not null || task.LastStatus == "RUNNING") _publicIpByEni[eni!] = ip;
        }
    }

    private void ForgetEnis()
    {
        var live = _tasks.Items.Values.Select(t => t.Summary.NetworkInterface?.NetworkInterfaceId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var eni in _publicIpByEni.Keys.Where(k => !live.Contains(k)).ToList()) _publicIpByEni.Remove(eni);
    }

    private static string? EniOf(EcsTask t)
        => t.Attachments?.FirstOrDefault(a => a.Type == EcsTaskMapper.EniAttachmentType)?.Details?
            .FirstOrDefault(d => d.Name == "networkInterfaceId")?.Value is { Length: > 0 } id ? id : null;

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items, CancellationToken ct)
    {
        var list = new List<string>();
        await foreach (var item in items.WithCancellation(ct).ConfigureAwait(false)) list.Add(item);
        return list;
    }
}
