using EcsConsole.Core.Aws.Ecr.Model;

namespace EcsConsole.Core.Aws.Ecr;

/// <summary>Amazon ECR over AWS JSON 1.1 (endpoint api.ecr.&lt;region&gt;, signing name ecr).</summary>
public sealed class EcrClient(AwsJsonTransport transport, AwsClientContext context)
{
    public AwsClientContext Context => context;

    private Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken ct)
        where TResponse : new()
        => transport.InvokeAsync<TRequest, TResponse>(context, AwsService.Ecr, operation, request, ct);

    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken ct)
        => CallAsync<DescribeRepositoriesRequest, DescribeRepositoriesResponse>("DescribeRepositories", request, ct);

    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken ct)
        => CallAsync<CreateRepositoryRequest, CreateRepositoryResponse>("CreateRepository", request, ct);

    public Task<DeleteRepositoryResponse> DeleteRepositoryAsync(DeleteRepositoryRequest request, CancellationToken ct)
        => CallAsync<DeleteRepositoryRequest, DeleteRepositoryResponse>("DeleteRepository", request, ct);

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken ct)
        => CallAsync<DescribeImagesRequest, DescribeImagesResponse>("DescribeImages", request, ct);

    public IAsyncEnumerable<Repository> DescribeAllRepositoriesAsync(CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => DescribeRepositoriesAsync(new DescribeRepositoriesRequest { NextToken = token, MaxResults = 1000 }, ct),
            r => r.Repositories, r => r.NextToken, ct);

    public IAsyncEnumerable<ImageDetail> DescribeAllImagesAsync(string repositoryName, CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = repositoryName, NextToken = token, MaxResults = 1000 }, ct),
            r => r.ImageDetails, r => r.NextToken, ct);
}
