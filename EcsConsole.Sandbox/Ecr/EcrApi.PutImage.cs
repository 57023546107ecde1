using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EcsConsole.Core.Aws.Ecr.Model;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecr;

/// <summary>ECR PutImage's request (the console itself never pushes; `aws ecr put-image` and tests do).</summary>
internal sealed record PutImageRequest
{
    [JsonPropertyName("registryId")]
    public string? RegistryId { get; init; }

    [JsonPropertyName("repositoryName")]
    public string? RepositoryName { get; init; }

    [JsonPropertyName("imageManifest")]
    public string? ImageManifest { get; init; }

    [JsonPropertyName("imageManifestMediaType")]
    public string? ImageManifestMediaType { get; init; }

    [JsonPropertyName("imageTag")]
    public string? ImageTag { get; init; }

    [JsonPropertyName("imageDigest")]
    public string? ImageDigest { get; init; }
}

internal sealed record PutImageResponse
{
    [JsonPropertyName("image")]
    public PutImageResult? Image { get; init; }
}

internal sealed record PutImageResult
{
    [JsonPropertyName("registryId")]
    public string? RegistryId { get; init; }

    [JsonPropertyName("repositoryName")]
    public string? RepositoryName { get; init; }

    [JsonPropertyName("imageId")]
    public ImageIdentifier? ImageId { get; init; }

    [JsonPropertyName("imageManifest")]
    public string? ImageManifest { get; init; }

    [JsonPropertyName("imageManifestMediaType")]
    public string? ImageManifestMediaType { get; init; }
}

/// <summary>
/// PutImage: what `docker push` ends with, and what `aws ecr put-image` calls. The digest is the SHA-256
/// of the manifest; a tag moves to the new image in a MUTABLE repository and is refused in an IMMUTABLE one.
/// </summary>
internal sealed partial class EcrApi
{
    private const string DockerManifestV2 = "application/vnd.docker.distribution.manifest.v2+json";

    private static PutImageResponse PutImage(PutImageRequest request, RegionContext ctx)
    {
        CheckRegistry(ctx, request.RegistryId);
        var repository = Find(ctx, request.RepositoryName);
        var manifest = request.ImageManifest;
        if (string.IsNullOrEmpty(manifest)) throw new SandboxApiException("InvalidParameterException", "imageManifest must not be empty.");
        var size = ManifestSize(manifest) ?? throw new SandboxApiException("InvalidParameterException", "Invalid parameter at 'imageManifest' failed to satisfy constraint: 'must be a JSON image manifest'");
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
        if (request.ImageDigest is { } given && given != digest)
        {
            throw new SandboxApiException("ImageDigestDoesNotMatchException", $"The image digest '{given}' does not match the digest of the manifest '{digest}'.");
        }

        var tag = request.ImageTag;
        if (tag is not null && (tag.Length is < 1 or > 300 || tag.Any(char.IsWhiteSpace)))
        {
            throw new SandboxApiException("InvalidParameterException", "imageTag must be 1 to 300 characters without spaces.");
        }

        var same = repository.Images.FirstOrDefault(i => i.Digest == digest);
        var holder = tag is null ? null : repository.Images.FirstOrDefault(i => i.Tags.Contains(tag));
        if (same is not null && (tag is null || holder == same))
        {
            throw new SandboxApiException("ImageAlreadyExistsException",
                $"Image with digest '{digest}' and tag '{tag ?? "null"}' already exists in the repository with name '{repository.Name}' in registry with id '{ctx.Account.Options.AccountId}'");
        }

        if (holder is not null)
        {
            if (repository.ImageTagMutability == "IMMUTABLE")
            {
                throw new SandboxApiException("ImageTagAlreadyExistsException",
                    $"The image tag '{tag}' already exists in the '{repository.Name}' repository and cannot be overwritten because the repository is immutable.");
            }

            holder.Tags.Remove(tag!);
        }

        if (same is null)
        {
            same = new ImageState { Digest = digest, SizeInBytes = size, PushedAt = ctx.Now };
            repository.Images.Add(same);
        }

        if (tag is not null) same.Tags.Add(tag);
        return new PutImageResponse
        {
            Image = new PutImageResult
            {
                RegistryId = ctx.Account.Options.AccountId,
                RepositoryName = repository.Name,
                ImageId = new ImageIdentifier { ImageDigest = digest, ImageTag = tag },
                ImageManifest = manifest,
                ImageManifestMediaType = request.ImageManifestMediaType ?? DockerManifestV2,
            },
        };
    }

    /// <summary>The image's size as ECR reports it: the config plus every layer; null when the text is not a JSON manifest.</summary>
    private static long? ManifestSize(string manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            long size = 0;
            if (root.TryGetProperty("config", out var config) && config.TryGetProperty("size", out var configSize) && configSize.TryGetInt64(out var c)) size += c;
            if (root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array)
            {
                foreach (var layer in layers.EnumerateArray())
                {
                    if (layer.TryGetProperty("size", out var layerSize) && layerSize.TryGetInt64(out var l)) size += l;
                }
            }

            return size;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
