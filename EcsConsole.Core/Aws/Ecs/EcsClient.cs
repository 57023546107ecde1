using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Aws.Ecs;

/// <summary>Amazon ECS over AWS JSON 1.1. Operations are named as in the ECS API reference.</summary>
public sealed class EcsClient(AwsJsonTransport transport, AwsClientContext context)
{
    public const int DescribeTasksBatch = 100;
    public const int DescribeClustersBatch = 100;
    public const int DescribeServicesBatch = 10;
    public const int DeleteTaskDefinitionsBatch = 10;
    public const int MaxRunTaskCount = 10;

    public AwsClientContext Context => context;

    private Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken ct)
        where TResponse : new()
        => transport.InvokeAsync<TRequest, TResponse>(context, AwsService.Ecs, operation, request, ct);

    public Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken ct)
        => CallAsync<ListClustersRequest, ListClustersResponse>("ListClusters", request, ct);

    public Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken ct)
        => CallAsync<DescribeClustersRequest, DescribeClustersResponse>("DescribeClusters", request, ct);

    public Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken ct)
        => CallAsync<ListServicesRequest, ListServicesResponse>("ListServices", request, ct);

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken ct)
        => CallAsync<DescribeServicesRequest, DescribeServicesResponse>("DescribeServices", request, ct);

    public Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken ct)
        => CallAsync<CreateServiceRequest, CreateServiceResponse>("CreateService",
            request.ClientToken is null ? request with { ClientToken = NewClientToken() } : request, ct);

    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken ct)
        => CallAsync<UpdateServiceRequest, UpdateServiceResponse>("UpdateService", request, ct);

    public Task<DeleteServiceResponse> DeleteServiceAsync(DeleteServiceRequest request, CancellationToken ct)
        => CallAsync<DeleteServiceRequest, DeleteServiceResponse>("DeleteService", request, ct);

    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken ct)
        => CallAsync<ListTasksRequest, ListTasksResponse>("ListTasks", request, ct);

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken ct)
        => CallAsync<DescribeTasksRequest, DescribeTasksResponse>("DescribeTasks", request, ct);

    /// <summary>RunTask with a clientToken (one is made when absent) so a retried call never starts tasks twice.</summary>
    public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken ct)
        => CallAsync<RunTaskRequest, RunTaskResponse>("RunTask",
            request.ClientToken is null ? request with { ClientToken = NewClientToken() } : request, ct);

    public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken ct)
        => CallAsync<StopTaskRequest, StopTaskResponse>("StopTask", request, ct);

    public Task<ListTaskDefinitionFamiliesResponse> ListTaskDefinitionFamiliesAsync(ListTaskDefinitionFamiliesRequest request, CancellationToken ct)
        => CallAsync<ListTaskDefinitionFamiliesRequest, ListTaskDefinitionFamiliesResponse>("ListTaskDefinitionFamilies", request, ct);

    public Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken ct)
        => CallAsync<ListTaskDefinitionsRequest, ListTaskDefinitionsResponse>("ListTaskDefinitions", request, ct);

    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken ct)
        => CallAsync<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse>("DescribeTaskDefinition", request, ct);

    public Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken ct)
        => CallAsync<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse>("RegisterTaskDefinition", request, ct);

    public Task<DeregisterTaskDefinitionResponse> DeregisterTaskDefinitionAsync(DeregisterTaskDefinitionRequest request, CancellationToken ct)
        => CallAsync<DeregisterTaskDefinitionRequest, DeregisterTaskDefinitionResponse>("DeregisterTaskDefinition", request, ct);

    public Task<DeleteTaskDefinitionsResponse> DeleteTaskDefinitionsAsync(DeleteTaskDefinitionsRequest request, CancellationToken ct)
        => CallAsync<DeleteTaskDefinitionsRequest, DeleteTaskDefinitionsResponse>("DeleteTaskDefinitions", request, ct);

    public Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken ct)
        => CallAsync<TagResourceRequest, TagResourceResponse>("TagResource", request, ct);

    public Task<UntagResourceResponse> UntagResourceAsync(UntagResourceRequest request, CancellationToken ct)
        => CallAsync<UntagResourceRequest, UntagResourceResponse>("UntagResource", request, ct);

    public Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken ct)
        => CallAsync<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", request, ct);

    // ---- Paging and batching ----

    public IAsyncEnumerable<string> ListAllClustersAsync(CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => ListClustersAsync(new ListClustersRequest { NextToken = token, MaxResults = 100 }, ct),
            r => r.ClusterArns, r => r.NextToken, ct);

    public IAsyncEnumerable<string> ListAllServicesAsync(string cluster, CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => ListServicesAsync(new ListServicesRequest { Cluster = cluster, NextToken = token, MaxResults = 100 }, ct),
            r => r.ServiceArns, r => r.NextToken, ct);

    public IAsyncEnumerable<string> ListAllTasksAsync(ListTasksRequest request, CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => ListTasksAsync(request with { NextToken = token, MaxResults = 100 }, ct),
            r => r.TaskArns, r => r.NextToken, ct);

    public IAsyncEnumerable<string> ListAllTaskDefinitionFamiliesAsync(string? status, CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => ListTaskDefinitionFamiliesAsync(new ListTaskDefinitionFamiliesRequest { Status = status, NextToken = token, MaxResults = 100 }, ct),
            r => r.Families, r => r.NextToken, ct);

    public IAsyncEnumerable<string> ListAllTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => ListTaskDefinitionsAsync(request with { NextToken = token, MaxResults = 100 }, ct),
            r => r.TaskDefinitionArns, r => r.NextToken, ct);

    /// <summary>Describes any number of clusters in batches of 100 (with statistics and settings).</summary>
    public async Task<IReadOnlyList<Cluster>> DescribeClustersBatchedAsync(IReadOnlyCollection<string> clusters, CancellationToken ct)
    {
        var all = new List<Cluster>(clusters.Count);
        foreach (var chunk in clusters.Chunk(DescribeClustersBatch))
        {
            var response = await DescribeClustersAsync(new DescribeClustersRequest
            {
                Clusters = [.. chunk],
                Include = ["STATISTICS", "SETTINGS", "TAGS"],
            }, ct).ConfigureAwait(false);
            all.AddRange(response.Clusters ?? []);
        }

        return all;
    }

    /// <summary>Describes any number of services of a cluster in batches of 10.</summary>
    public async Task<IReadOnlyList<Service>> DescribeServicesBatchedAsync(string cluster, IReadOnlyCollection<string> services, CancellationToken ct)
    {
        var all = new List<Service>(services.Count);
        foreach (var chunk in services.Chunk(DescribeServicesBatch))
        {
            var response = await DescribeServicesAsync(new DescribeServicesRequest
            {
                Cluster = cluster,
                Services = [.. chunk],
                Include = ["TAGS"],
            }, ct).ConfigureAwait(false);
            all.AddRange(response.Services ?? []);
        }

        return all;
    }

    /// <summary>Describes any number of tasks of a cluster in batches of 100.</summary>
    public async Task<IReadOnlyList<EcsTask>> DescribeTasksBatchedAsync(string cluster, IReadOnlyCollection<string> tasks, CancellationToken ct)
    {
        var all = new List<EcsTask>(tasks.Count);
        foreach (var chunk in tasks.Chunk(DescribeTasksBatch))
        {
            var response = await DescribeTasksAsync(new DescribeTasksRequest
            {
                Cluster = cluster,
                Tasks = [.. chunk],
                Include = ["TAGS"],
            }, ct).ConfigureAwait(false);
            all.AddRange(response.Tasks ?? []);
        }

        return all;
    }

    private static string NewClientToken() => Guid.NewGuid().ToString("N");
}
