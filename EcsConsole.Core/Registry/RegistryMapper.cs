using EcsConsole.Core.Aws.Ecr.Model;

namespace EcsConsole.Core.Registry;

/// <summary>The one place ECR wire shapes become the console's records.</summary>
public static class RegistryMapper
{
    public static EcrRepository ToRepository(Repository wire, string region)
    {
        var name = wire.RepositoryName ?? "";
        var registryId = wire.RegistryId ?? "";
        // AWS always sends the URI; build it the way ECR does if an emulator leaves it out.
        var uri = !string.IsNullOrEmpty(wire.RepositoryUri) ? wire.RepositoryUri : EcrUris.RepositoryUri(registryId, region, name);
        return new EcrRepository(
            name,
            wire.RepositoryArn ?? "",
            uri,
            registryId,
            wire.CreatedAt,
            ToMutability(wire.ImageTagMutability),
            wire.ImageScanningConfiguration?.ScanOnPush ?? false,
            wire.EncryptionConfiguration?.EncryptionType ?? "AES256",
            string.IsNullOrEmpty(wire.EncryptionConfiguration?.KmsKey) ? null : wire.EncryptionConfiguration.KmsKey);
    }

    public static EcrImage ToImage(ImageDetail wire)
    {
        var findings = wire.ImageScanFindingsSummary is { } summary
            ? new ScanFindingsSummary(
                new Dictionary<string, int>(summary.FindingSeverityCounts ?? [], StringComparer.Ordinal),
                summary.ImageScanCompletedAt)
            : null;
        return new EcrImage(
            wire.RepositoryName ?? "",
            wire.ImageDigest ?? "",
            [.. wire.ImageTags ?? []],
            wire.ImageSizeInBytes ?? 0,
            wire.ImagePushedAt,
            wire.LastRecordedPullTime,
            ToScanState(wire.ImageScanStatus?.Status),
            string.IsNullOrEmpty(wire.ImageScanStatus?.Description) ? null : wire.ImageScanStatus.Description,
            findings,
            wire.ImageManifestMediaType ?? wire.ArtifactMediaType);
    }

    public static string ToWire(TagMutability mutability) => mutability switch
    {
        TagMutability.Immutable => "IMMUTABLE",
        TagMutability.MutableWithExclusion => "MUTABLE_WITH_EXCLUSION",
        TagMutability.ImmutableWithExclusion => "IMMUTABLE_WITH_EXCLUSION",
        _ => "MUTABLE",
    };

    public static TagMutability ToMutability(string? wire) => wire switch
    {
        "MUTABLE" => TagMutability.Mutable,
        "IMMUTABLE" => TagMutability.Immutable,
        "MUTABLE_WITH_EXCLUSION" => TagMutability.MutableWithExclusion,
        "IMMUTABLE_WITH_EXCLUSION" => TagMutability.ImmutableWithExclusion,
        // AWS's default when a repository predates the setting.
        null or "" => TagMutability.Mutable,
        _ => TagMutability.Unknown,
    };

    public static ImageScanState ToScanState(string? wire) => wire switch
    {
        null or "" => ImageScanState.NotScanned,
        "IN_PROGRESS" => ImageScanState.InProgress,
        "COMPLETE" => ImageScanState.Complete,
        "FAILED" => ImageScanState.Failed,
        "UNSUPPORTED_IMAGE" => ImageScanState.UnsupportedImage,
        "ACTIVE" => ImageScanState.Active,
        "PENDING" => ImageScanState.Pending,
        "SCAN_ELIGIBILITY_EXPIRED" => ImageScanState.ScanEligibilityExpired,
        "FINDINGS_UNAVAILABLE" => ImageScanState.FindingsUnavailable,
        "LIMIT_EXCEEDED" => ImageScanState.LimitExceeded,
        _ => ImageScanState.Unknown,
    };
}
