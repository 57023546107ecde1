using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecs;

/// <summary>Finds ECS resources by name or ARN, failing with the errors ECS uses.</summary>
internal static class EcsLookup
{
    public static ClusterState? TryCluster(RegionContext ctx, string? nameOrArn)
    {
        var name = Arns.LastSegment(string.IsNullOrEmpty(nameOrArn) ? "default" : nameOrArn);
        return ctx.Region.Clusters.FirstOrDefault(c => c.Name == name && c.Status == "ACTIVE");
    }

    public static ClusterState Cluster(RegionContext ctx, string? nameOrArn)
        => TryCluster(ctx, nameOrArn) ?? throw new SandboxApiException("ClusterNotFoundException", "Cluster not found.");

    /// <summary>"family", "family:revision" or a task definition ARN; a bare family means its latest ACTIVE revision.</summary>
    public static TaskDefinitionState? TryTaskDefinition(RegionContext ctx, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var text = reference.StartsWith("arn:", StringComparison.Ordinal) ? Arns.LastSegment(reference) : reference;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], out var revision))
        {
            var family = text[..colon];
            return ctx.Region.TaskDefinitions.FirstOrDefault(d => d.Definition.Family == family && d.Definition.Revision == revision);
        }

        return ctx.Region.TaskDefinitions
            .Where(d => d.Definition.Family == text && d.Definition.Status == "ACTIVE")
            .MaxBy(d => d.Definition.Revision);
    }

    public static TaskDefinitionState TaskDefinition(RegionContext ctx, string? reference)
        => TryTaskDefinition(ctx, reference)
           ?? throw SandboxApiException.Client(string.IsNullOrWhiteSpace(reference) ? "TaskDefinition can not be blank." : "Unable to describe task definition.");

    public static ServiceState? TryService(RegionContext ctx, ClusterState cluster, string nameOrArn)
    {
        var name = Arns.LastSegment(nameOrArn);
        return ctx.Region.Services
            .Where(s => s.ClusterName == cluster.Name && s.Name == name)
            .OrderBy(s => s.Status == "INACTIVE" ? 1 : 0)
            .FirstOrDefault();
    }

    public static ServiceState Service(RegionContext ctx, ClusterState cluster, string? nameOrArn)
    {
        if (string.IsNullOrWhiteSpace(nameOrArn)) throw SandboxApiException.InvalidParameter("Service can not be blank.");
        return TryService(ctx, cluster, nameOrArn) ?? throw new SandboxApiException("ServiceNotFoundException", "Service not found.");
    }

    /// <summary>A service that may still be changed (not DRAINING or INACTIVE).</summary>
    public static ServiceState ActiveService(RegionContext ctx, ClusterState cluster, string? nameOrArn)
    {
        var service = Service(ctx, cluster, nameOrArn);
        return service.Status == "ACTIVE" ? service : throw new SandboxApiException("ServiceNotActiveException", "Service was not ACTIVE.");
    }

    public static TaskState? TryTask(RegionContext ctx, ClusterState cluster, string idOrArn)
    {
        var id = Arns.LastSegment(idOrArn);
        return ctx.Region.Tasks.FirstOrDefault(t => t.ClusterName == cluster.Name && t.Id == id);
    }

    public static void CheckMaxResults(int? maxResults, int max = 100)
    {
        if (maxResults is { } m && (m < 1 || m > max))
        {
            throw SandboxApiException.InvalidParameter($"maxResults must be between 1 and {max}.");
        }
    }
}
