using EcsConsole.Core.Tasks;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Running;

/// <summary>A container of the task definition being run, with what the run form needs of it.</summary>
public sealed record RunContainerInfo(string Name, IReadOnlyList<int> Ports, IReadOnlyList<string> Command, bool Essential);

/// <summary>The parts of a task definition revision the run and service forms use.</summary>
public sealed record RunDefinitionInfo(
    string Arn, string Family, int Revision, string Status, string? Cpu, string? Memory, IReadOnlyList<RunContainerInfo> Containers)
{
    public string ShortName => $"{Family}:{Revision}";

    public IReadOnlyList<int> Ports => [.. Containers.SelectMany(c => c.Ports).Distinct().Order()];
}

/// <summary>Reads what the run and service forms offer: clusters, revisions and the chosen revision's containers.</summary>
public sealed class RunCatalog(AwsClientFactory clients)
{
    public async Task<IReadOnlyList<string>> ClusterNamesAsync(string connection, string region, CancellationToken ct)
    {
        var names = new List<string>();
        await foreach (var arn in clients.For(connection, region).Ecs.ListAllClustersAsync(ct).ConfigureAwait(false))
        {
            names.Add(RunPresetStore.ClusterKey(arn));
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>ACTIVE revisions as "family:rev", newest first per family.</summary>
    public async Task<IReadOnlyList<string>> ActiveRevisionsAsync(string connection, string region, string? family, CancellationToken ct)
    {
        var revisions = new List<string>();
        var request = new ListTaskDefinitionsRequest { Status = "ACTIVE", Sort = "DESC", FamilyPrefix = string.IsNullOrWhiteSpace(family) ? null : family };
        await foreach (var arn in clients.For(connection, region).Ecs.ListAllTaskDefinitionsAsync(request, ct).ConfigureAwait(false))
        {
            var name = TaskDefinitionRef.Parse(arn).FamilyRevision;
            // familyPrefix matches "web" and "web-worker" alike; keep the family asked for.
            if (family is null || TaskDefinitionRef.Parse(name).Family == family) revisions.Add(name);
        }

        return revisions;
    }

    public async Task<RunDefinitionInfo> DefinitionAsync(string connection, string region, string taskDefinition, CancellationToken ct)
    {
        var response = await clients.For(connection, region).Ecs
            .DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = taskDefinition }, ct).ConfigureAwait(false);
        var td = response.TaskDefinition ?? throw new AwsServiceException("ECS", "DescribeTaskDefinition", "Empty",
            $"No task definition {taskDefinition} came back.", AwsErrorKind.NotFound);
        return ToInfo(td);
    }

    public static RunDefinitionInfo ToInfo(TaskDefinition td) => new(
        td.TaskDefinitionArn ?? "",
        td.Family ?? "",
        td.Revision ?? 0,
        td.Status ?? "ACTIVE",
        td.Cpu,
        td.Memory,
        [.. (td.ContainerDefinitions ?? []).Select(c => new RunContainerInfo(
            c.Name ?? "",
            [.. (c.PortMappings ?? []).Where(p => p.ContainerPort is not null && (p.Protocol ?? "tcp") == "tcp").Select(p => p.ContainerPort!.Value).Distinct()],
            c.Command ?? [],
            c.Essential ?? true))]);
}
