namespace EcsConsole.Core.Registry;

public enum ImageUserKind
{
    TaskDefinition,
    RunningTask,
}

/// <summary>
/// A container that names an image: in the latest active revision of a task definition family, or
/// in a running task (which also knows the digest it actually pulled).
/// </summary>
public sealed record ImageReferenceUse(
    ImageUserKind Kind,
    string Arn,
    string DisplayName,
    string ContainerName,
    string Image,
    string? ResolvedDigest = null,
    string? Cluster = null);

/// <summary>Which task definitions and running tasks use each image of one repository.</summary>
public sealed class ImageUsage
{
    private static readonly IReadOnlyList<ImageReferenceUse> None = [];
    private readonly Dictionary<string, List<ImageReferenceUse>> _byDigest;

    private ImageUsage(Dictionary<string, List<ImageReferenceUse>> byDigest) => _byDigest = byDigest;

    public static ImageUsage Empty { get; } = new([]);

    public IReadOnlyList<ImageReferenceUse> UsersOf(EcrImage image)
        => _byDigest.TryGetValue(image.Digest, out var users) ? users : None;

    public bool IsUsed(EcrImage image) => _byDigest.ContainsKey(image.Digest);

    /// <summary>
    /// Matches references to images: by digest when the reference (or the running container) has one,
    /// otherwise by tag, where a reference without a tag means "latest". References into another
    /// registry or repository (even with the same name) never match.
    /// </summary>
    public static ImageUsage Match(EcrRepository repository, IReadOnlyList<EcrImage> images, IEnumerable<ImageReferenceUse> uses)
    {
        var byDigest = new Dictionary<string, List<ImageReferenceUse>>(StringComparer.Ordinal);
        var digests = images.Select(i => i.Digest).ToHashSet(StringComparer.Ordinal);
        var tagToDigest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            foreach (var tag in image.Tags) tagToDigest[tag] = image.Digest;
        }

        foreach (var use in uses)
        {
            ImageReference reference;
            try
            {
                reference = ImageReference.Parse(use.Image);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (!reference.IsIn(repository)) continue;
            // A running container's own digest wins: its tag may have moved to a newer image since it started.
            var digest = use.ResolvedDigest ?? reference.Digest
                ?? (tagToDigest.TryGetValue(reference.EffectiveTag, out var d) ? d : null);
            if (digest is null || !digests.Contains(digest)) continue;
            if (!byDigest.TryGetValue(digest, out var list)) byDigest[digest] = list = [];
            if (!list.Contains(use)) list.Add(use);
        }

        return new ImageUsage(byDigest);
    }
}
