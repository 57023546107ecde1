using System.Collections.Concurrent;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Core.Registry;

/// <summary>
/// Finds the containers that name images: the latest ACTIVE revision of every task definition
/// family, and every running task. Family lookups are cached for a minute because there is one
/// DescribeTaskDefinition call per family and they rarely change while someone browses images.
/// </summary>
public sealed class ImageUsageService(AwsClientFactory clients, TimeProvider time)
{
    public static readonly TimeSpan FamilyCacheTime = TimeSpan.FromMinutes(1);

    // DescribeTaskDefinition shares the account's ECS read budget with every other console user.
    private const int Parallelism = 4;

    private readonly ConcurrentDictionary<(string Connection, string Region, string Family), (DateTimeOffset At, IReadOnlyList<ImageReferenceUse> Uses)> _families = new();

    public async Task<ImageUsage> GetUsageAsync(
        string connection, string region, EcrRepository repository, IReadOnlyList<EcrImage> images, CancellationToken ct)
    {
        var uses = await GetUsesAsync(connection, region, ct).ConfigureAwait(false);
        return ImageUsage.Match(repository, images, uses);
    }

    public async Task<IReadOnlyList<ImageReferenceUse>> GetUsesAsync(string connection, string region, CancellationToken ct)
    {
        var definitions = GetTaskDefinitionUsesAsync(connection, region, ct);
        var tasks = GetRunningTaskUsesAsync(connection, region, ct);
        return [.. await definitions.ConfigureAwait(false), .. await tasks.ConfigureAwait(false)];
    }

    private async Task<IReadOnlyList<ImageReferenceUse>> GetTaskDefinitionUsesAsync(string connection, string region, CancellationToken ct)
    {
        var ecs = clients.For(connection, region).Ecs;
        var families = new List<string>();
        await foreach (var family in ecs.ListAllTaskDefinitionFamiliesAsync("ACTIVE", ct).ConfigureAwait(false)) families.Add(family);

        var results = new ConcurrentDictionary<string, IReadOnlyList<ImageReferenceUse>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(families, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (family, c) =>
        {
            var key = (connection, region, family);
            var now = time.GetUtcNow();
            if (_families.TryGetValue(key, out var cached) && now - cached.At < FamilyCacheTime)
            {
                results[family] = cached.Uses;
                return;
            }

            // Without a revision ECS answers with the latest ACTIVE one.
            var response = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = family }, c).ConfigureAwait(false);
            var definition = response.TaskDefinition;
            IReadOnlyList<ImageReferenceUse> uses = definition is null
                ? []
                : [.. (definition.ContainerDefinitions ?? [])
                    .Where(d => !string.IsNullOrWhiteSpace(d.Image))
                    .Select(d => new ImageReferenceUse(ImageUserKind.TaskDefinition, definition.TaskDefinitionArn ?? family,
                        $"{definition.Family ?? family}:{definition.Revision}", d.Name ?? "", d.Image!))];
            _families[key] = (now, uses);
            results[family] = uses;
        }).ConfigureAwait(false);

        return [.. families.SelectMany(f => results.TryGetValue(f, out var u) ? u : [])];
    }

    private async Task<IReadOnlyList<ImageReferenceUse>> GetRunningTaskUsesAsync(string connection, string region, CancellationToken ct)
    {
        var ecs = clients.For(connection, region).Ecs;
        var uses = new List<ImageReferenceUse>();
        await foreach (var cluster in ecs.ListAllClustersAsync(ct).ConfigureAwait(false))
        {
            var arns = new List<string>();
            await foreach (var arn in ecs.ListAllTasksAsync(new ListTasksRequest { Cluster = cluster, DesiredStatus = "RUNNING" }, ct).ConfigureAwait(false))
            {
                arns.Add(arn);
            }

            if (arns.Count == 0) continue;
            foreach (var task in await ecs.DescribeTasksBatchedAsync(cluster, arns, ct).ConfigureAwait(false))
            {
                if (task.LastStatus == "STOPPED") continue;
                var taskArn = task.TaskArn ?? "";
                var taskId = EcsArn.LastSegment(taskArn);
                var display = $"{TaskDefinitionRef.Parse(task.TaskDefinitionArn).FamilyRevision} ({(taskId.Length > 8 ? taskId[..8] : taskId)})";
                uses.AddRange((task.Containers ?? [])
                    .Where(c => !string.IsNullOrWhiteSpace(c.Image))
                    .Select(c => new ImageReferenceUse(ImageUserKind.RunningTask, taskArn, display, c.Name ?? "", c.Image!,
                        string.IsNullOrEmpty(c.ImageDigest) ? null : c.ImageDigest, task.ClusterArn ?? cluster)));
            }
        }

        return uses;
    }
}
