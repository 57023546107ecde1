using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecs;

/// <summary>Amazon ECS operations, AWS JSON 1.1.</summary>
internal sealed partial class EcsApi(SandboxAccount account) : IJsonService
{
    public const int MaxDescribeClusters = 100;
    public const int MaxDescribeServices = 10;
    public const int MaxDescribeTasks = 100;
    public const int MaxDeleteTaskDefinitions = 10;
    public const int MaxRunTaskCount = 10;

    public string Name => "ecs";

    public string TargetPrefix => AwsService.Ecs.TargetPrefix;

    public string ThrottlingCode => "ThrottlingException";

    public string ServerErrorCode => "ServerException";

    public object Invoke(string operation, byte[] body, string region) => operation switch
    {
        "ListClusters" => Read<ListClustersRequest>(body, region, ListClusters),
        "DescribeClusters" => Read<DescribeClustersRequest>(body, region, DescribeClusters),
        "ListServices" => Read<ListServicesRequest>(body, region, ListServices),
        "DescribeServices" => Read<DescribeServicesRequest>(body, region, DescribeServices),
        "CreateService" => Write<CreateServiceRequest>(body, region, CreateService),
        "UpdateService" => Write<UpdateServiceRequest>(body, region, UpdateService),
        "DeleteService" => Write<DeleteServiceRequest>(body, region, DeleteService),
        "ListTasks" => Read<ListTasksRequest>(body, region, ListTasks),
        "DescribeTasks" => Read<DescribeTasksRequest>(body, region, DescribeTasks),
        "RunTask" => Write<RunTaskRequest>(body, region, RunTask),
        "StopTask" => Write<StopTaskRequest>(body, region, StopTask),
        "ListTaskDefinitionFamilies" => Read<ListTaskDefinitionFamiliesRequest>(body, region, ListTaskDefinitionFamilies),
        "ListTaskDefinitions" => Read<ListTaskDefinitionsRequest>(body, region, ListTaskDefinitions),
        "DescribeTaskDefinition" => Read<DescribeTaskDefinitionRequest>(body, region, DescribeTaskDefinition),
        "RegisterTaskDefinition" => Write<RegisterTaskDefinitionRequest>(body, region, RegisterTaskDefinition),
        "DeregisterTaskDefinition" => Write<DeregisterTaskDefinitionRequest>(body, region, DeregisterTaskDefinition),
        "DeleteTaskDefinitions" => Write<DeleteTaskDefinitionsRequest>(body, region, DeleteTaskDefinitions),
        "TagResource" => Write<TagResourceRequest>(body, region, TagResource),
        "UntagResource" => Write<UntagResourceRequest>(body, region, UntagResource),
        "ListTagsForResource" => Read<ListTagsForResourceRequest>(body, region, ListTagsForResource),
        _ => throw new SandboxApiException("UnknownOperationException", $"The sandbox does not implement ECS {operation}."),
    };

    private object Read<TRequest>(byte[] body, string region, Func<TRequest, RegionContext, object> handler) where TRequest : new()
    {
        var request = JsonBody.Read<TRequest>(body);
        return account.Execute(region, mutates: false, ctx => handler(request, ctx));
    }

    private object Write<TRequest>(byte[] body, string region, Func<TRequest, RegionContext, object> handler) where TRequest : new()
    {
        var request = JsonBody.Read<TRequest>(body);
        return account.Execute(region, mutates: true, ctx => handler(request, ctx));
    }

    private static ListClustersResponse ListClusters(ListClustersRequest request, RegionContext ctx)
    {
        EcsLookup.CheckMaxResults(request.MaxResults);
        var arns = ctx.Region.Clusters.Where(c => c.Status == "ACTIVE").Select(c => c.Arn).Order(StringComparer.Ordinal).ToList();
        var page = Paging.Page(arns, request.NextToken, request.MaxResults ?? 100, "clusters", out var next);
        return new ListClustersResponse { ClusterArns = page, NextToken = next };
    }

    private static DescribeClustersResponse DescribeClusters(DescribeClustersRequest request, RegionContext ctx)
    {
        var names = request.Clusters is { Count: > 0 } c ? c : ["default"];
        var include = request.Include ?? [];
        var (clusters, failures) = DescribeBatch(names, MaxDescribeClusters, "Clusters",
            name => EcsLookup.TryCluster(ctx, name), c => EcsRender.Cluster(ctx, c, include), ctx.Arns.Cluster);
        return new DescribeClustersResponse { Clusters = clusters, Failures = failures };
    }

    private static TagResourceResponse TagResource(TagResourceRequest request, RegionContext ctx)
    {
        var tags = TagsOf(ctx, request.ResourceArn);
        foreach (var tag in request.Tags ?? [])
        {
            if (string.IsNullOrEmpty(tag.Key) || tag.Key.Length > 128 || tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw SandboxApiException.InvalidParameter($"The tag key '{tag.Key}' is invalid: keys are 1–128 characters and may not start with 'aws:'.");
            }

            tags.RemoveAll(t => t.Key == tag.Key);
            tags.Add(new Tag { Key = tag.Key, Value = tag.Value ?? "" });
        }

        if (tags.Count > 50)
        {
            throw SandboxApiException.InvalidParameter("A resource can have at most 50 tags.");
        }

        return new TagResourceResponse();
    }

    private static UntagResourceResponse UntagResource(UntagResourceRequest request, RegionContext ctx)
    {
        var tags = TagsOf(ctx, request.ResourceArn);
        var keys = request.TagKeys ?? [];
        tags.RemoveAll(t => keys.Contains(t.Key ?? ""));
        return new UntagResourceResponse();
    }

    private static ListTagsForResourceResponse ListTagsForResource(ListTagsForResourceRequest request, RegionContext ctx)
        => new() { Tags = [.. TagsOf(ctx, request.ResourceArn)] };

    /// <summary>The live tag list of the resource an ARN names.</summary>
    private static List<Tag> TagsOf(RegionContext ctx, string? arn)
    {
        if (string.IsNullOrWhiteSpace(arn) || !arn.StartsWith("arn:aws:ecs:", StringComparison.Ordinal))
        {
            throw SandboxApiException.InvalidParameter("The ARN provided is invalid.");
        }

        var resource = arn.Split(':', 6) is { Length: 6 } parts ? parts[5] : "";
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        var kind = slash > 0 ? resource[..slash] : resource;
        List<Tag>? tags = kind switch
        {
            "cluster" => ctx.Region.Clusters.FirstOrDefault(c => c.Arn == arn && c.Status == "ACTIVE")?.Tags,
            "service" => ctx.Region.Services.FirstOrDefault(s => s.Arn == arn && s.Status != "INACTIVE")?.Tags,
            "task" => ctx.Region.Tasks.FirstOrDefault(t => t.Arn == arn)?.Tags,
            "task-definition" => ctx.Region.TaskDefinitions.FirstOrDefault(d => d.Definition.TaskDefinitionArn == arn)?.Tags,
            _ => null,
        };
        return tags ?? throw new SandboxApiException("ResourceNotFoundException", "The specified resource could not be found.");
    }

    private static ClusterState Cluster(RegionContext ctx, string? cluster) => EcsLookup.Cluster(ctx, cluster);

    /// <summary>A task definition RunTask, CreateService or UpdateService may start on Fargate.</summary>
    private static TaskDefinition RunnableDefinition(RegionContext ctx, string? reference)
    {
        var definition = EcsLookup.TaskDefinition(ctx, reference).Definition;
        if (definition.Status != "ACTIVE")
        {
            throw SandboxApiException.Client($"TaskDefinition is inactive: {definition.TaskDefinitionArn}.");
        }

        if (definition.NetworkMode != "awsvpc" || definition.Compatibilities?.Contains("FARGATE") != true)
        {
            throw SandboxApiException.InvalidParameter("Task definition does not support launch_type FARGATE.");
        }

        return definition;
    }

    /// <summary>The Describe* pattern: a capped batch of names; found ones rendered, others reported MISSING.</summary>
    private static (List<TWire> Found, List<Failure> Failures) DescribeBatch<TState, TWire>(
        IReadOnlyList<string>? names, int max, string noun, Func<string, TState?> find, Func<TState, TWire> render, Func<string, string> arnOf)
        where TState : class
    {
        if (names is not { Count: > 0 })
        {
            throw SandboxApiException.InvalidParameter($"{noun} cannot be empty.");
        }

        if (names.Count > max)
        {
            throw SandboxApiException.InvalidParameter($"{noun} can have at most {max} items.");
        }

        var found = new List<TWire>();
        var failures = new List<Failure>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (find(name) is { } state)
            {
                found.Add(render(state));
            }
            else
            {
                failures.Add(new Failure { Arn = name.StartsWith("arn:", StringComparison.Ordinal) ? name : arnOf(name), Reason = "MISSING" });
            }
        }

        return (found, failures);
    }
}
