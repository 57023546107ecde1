using System.Text.RegularExpressions;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecr.Model;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecr;

/// <summary>Amazon ECR repositories and images (listing, and PutImage for pushes), AWS JSON 1.1.</summary>
internal sealed partial class EcrApi(SandboxAccount account) : IJsonService
{
    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex RepositoryName();

    public string Name => "ecr";

    public string TargetPrefix => AwsService.Ecr.TargetPrefix;

    public string ThrottlingCode => "ThrottlingException";

    public string ServerErrorCode => "ServerException";

    public object Invoke(string operation, byte[] body, string region) => operation switch
    {
        "DescribeRepositories" => Run<DescribeRepositoriesRequest>(body, region, false, DescribeRepositories),
        "CreateRepository" => Run<CreateRepositoryRequest>(body, region, true, CreateRepository),
        "DeleteRepository" => Run<DeleteRepositoryRequest>(body, region, true, DeleteRepository),
        "DescribeImages" => Run<DescribeImagesRequest>(body, region, false, DescribeImages),
        "PutImage" => Run<PutImageRequest>(body, region, true, PutImage),
        _ => throw new SandboxApiException("UnknownOperationException", $"The sandbox does not implement ECR {operation}."),
    };

    private object Run<TRequest>(byte[] body, string region, bool mutates, Func<TRequest, RegionContext, object> handler) where TRequest : new()
    {
        var request = JsonBody.Read<TRequest>(body);
        return account.Execute(region, mutates, ctx => handler(request, ctx));
    }

    private static Repository Render(RegionContext ctx, RepositoryState repository) => new()
    {
        RepositoryArn = ctx.Arns.Repository(repository.Name),
        RegistryId = ctx.Account.Options.AccountId,
        RepositoryName = repository.Name,
        RepositoryUri = $"{ctx.Arns.RegistryHost}/{repository.Name}",
        CreatedAt = repository.CreatedAt,
        ImageTagMutability = repository.ImageTagMutability,
        ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = repository.ScanOnPush },
        EncryptionConfiguration = new EncryptionConfiguration { EncryptionType = "AES256" },
    };

    private static RepositoryState Find(RegionContext ctx, string? name)
        => ctx.Region.Repositories.FirstOrDefault(r => r.Name == name)
           ?? throw new SandboxApiException("RepositoryNotFoundException",
               $"The repository with name '{name}' does not exist in the registry with id '{ctx.Account.Options.AccountId}'");

    private static void CheckRegistry(RegionContext ctx, string? registryId)
    {
        if (registryId is not null && registryId != ctx.Account.Options.AccountId)
        {
            throw new SandboxApiException("AccessDeniedException", $"The registry with id '{registryId}' belongs to another account.");
        }
    }

    private static DescribeRepositoriesResponse DescribeRepositories(DescribeRepositoriesRequest request, RegionContext ctx)
    {
        CheckRegistry(ctx, request.RegistryId);
        if (request.MaxResults is { } max && (max < 1 || max > 1000))
        {
            throw new SandboxApiException("InvalidParameterException", "maxResults must be between 1 and 1000.");
        }

        if (request.RepositoryNames is { Count: > 0 } names)
        {
            if (request.NextToken is not null || request.MaxResults is not null)
            {
                throw new SandboxApiException("InvalidParameterException", "repositoryNames can not be used with nextToken or maxResults.");
            }

            return new DescribeRepositoriesResponse { Repositories = [.. names.Select(n => Render(ctx, Find(ctx, n)))] };
        }

        var all = ctx.Region.Repositories.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var page = Paging.Page(all, request.NextToken, request.MaxResults ?? 1000, "repositories", out var next);
        return new DescribeRepositoriesResponse { Repositories = [.. page.Select(r => Render(ctx, r))], NextToken = next };
    }

    private static CreateRepositoryResponse CreateRepository(CreateRepositoryRequest request, RegionContext ctx)
    {
        CheckRegistry(ctx, request.RegistryId);
        var name = request.RepositoryName ?? "";
        if (name.Length is < 2 or > 256 || !RepositoryName().IsMatch(name))
        {
            throw new SandboxApiException("InvalidParameterException",
                $"Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*' and be 2 to 256 characters long'");
        }

        if (ctx.Region.Repositories.Any(r => r.Name == name))
        {
            throw new SandboxApiException("RepositoryAlreadyExistsException",
                $"The repository with name '{name}' already exists in the registry with id '{ctx.Account.Options.AccountId}'");
        }

        var mutability = request.ImageTagMutability ?? "MUTABLE";
        if (mutability is not ("MUTABLE" or "IMMUTABLE"))
        {
            throw new SandboxApiException("InvalidParameterException", "imageTagMutability must be MUTABLE or IMMUTABLE.");
        }

        var repository = new RepositoryState
        {
            Name = name,
            CreatedAt = ctx.Now,
            ImageTagMutability = mutability,
            ScanOnPush = request.ImageScanningConfiguration?.ScanOnPush ?? false,
        };
        ctx.Region.Repositories.Add(repository);
        return new CreateRepositoryResponse { Repository = Render(ctx, repository) };
    }

    private static DeleteRepositoryResponse DeleteRepository(DeleteRepositoryRequest request, RegionContext ctx)
    {
        CheckRegistry(ctx, request.RegistryId);
        var repository = Find(ctx, request.RepositoryName);
        if (repository.Images.Count > 0 && request.Force != true)
        {
            throw new SandboxApiException("RepositoryNotEmptyException",
                $"The repository with name '{repository.Name}' in registry with id '{ctx.Account.Options.AccountId}' cannot be deleted because it still contains images");
        }

        ctx.Region.Repositories.Remove(repository);
        return new DeleteRepositoryResponse { Repository = Render(ctx, repository) };
    }

    private static DescribeImagesResponse DescribeImages(DescribeImagesRequest request, RegionContext ctx)
    {
        CheckRegistry(ctx, request.RegistryId);
        var repository = Find(ctx, request.RepositoryName);
        ImageDetail Detail(ImageState image) => new()
        {
            RegistryId = ctx.Account.Options.AccountId,
            RepositoryName = repository.Name,
            ImageDigest = image.Digest,
            ImageTags = image.Tags.Count > 0 ? [.. image.Tags] : null,
            ImageSizeInBytes = image.SizeInBytes,
            ImagePushedAt = image.PushedAt,
            ImageManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json",
            ArtifactMediaType = "application/vnd.docker.container.image.v1+json",
            ImageStatus = "ACTIVE",
        };

        if (request.ImageIds is { Count: > 0 } ids)
        {
            var found = new List<ImageDetail>();
            foreach (var id in ids)
            {
                var image = repository.Images.FirstOrDefault(i => (id.ImageDigest is null || i.Digest == id.ImageDigest) && (id.ImageTag is null || i.Tags.Contains(id.ImageTag)))
                    ?? throw new SandboxApiException("ImageNotFoundException",
                        $"The image with imageId {{imageDigest:'{id.ImageDigest ?? "null"}', imageTag:'{id.ImageTag ?? "null"}'}} does not exist within the repository with name '{repository.Name}' in the registry with id '{ctx.Account.Options.AccountId}'");
                found.Add(Detail(image));
            }

            return new DescribeImagesResponse { ImageDetails = found };
        }

        if (request.MaxResults is { } max && (max < 1 || max > 1000))
        {
            throw new SandboxApiException("InvalidParameterException", "maxResults must be between 1 and 1000.");
        }

        var images = repository.Images
            .Where(i => request.Filter?.TagStatus switch { "TAGGED" => i.Tags.Count > 0, "UNTAGGED" => i.Tags.Count == 0, _ => true })
            .OrderBy(i => i.PushedAt)
            .ToList();
        var page = Paging.Page(images, request.NextToken, request.MaxResults ?? 100, $"images:{repository.Name}", out var next);
        return new DescribeImagesResponse { ImageDetails = [.. page.Select(Detail)], NextToken = next };
    }
}
