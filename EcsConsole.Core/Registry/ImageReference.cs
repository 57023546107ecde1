namespace EcsConsole.Core.Registry;

/// <summary>
/// An image reference as a task definition or a running container names it:
/// <c>host/path:tag</c>, <c>host/path@sha256:…</c>, <c>host/path:tag@sha256:…</c> or <c>host/path</c> (meaning :latest).
/// </summary>
public sealed record ImageReference(string? Host, string Path, string? Tag, string? Digest)
{
    public const string DefaultTag = "latest";

    /// <summary>The tag the reference resolves to when it names no digest ("latest" when it names neither).</summary>
    public string EffectiveTag => Tag ?? DefaultTag;

    public static ImageReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var rest = reference.Trim();
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        // A colon before the last '/' is a registry port (localhost:5000/app), not a tag.
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        string? host = null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            // Docker's rule: the first part is a registry host only if it looks like one.
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                host = first;
                rest = rest[(slash + 1)..];
            }
        }

        return new ImageReference(host, rest, string.IsNullOrEmpty(tag) ? null : tag, string.IsNullOrEmpty(digest) ? null : digest);
    }

    /// <summary>Whether this reference points into the given repository (same registry host and name).</summary>
    public bool IsIn(EcrRepository repository)
        => Host is not null
           && string.Equals(Host, repository.RegistryHost, StringComparison.OrdinalIgnoreCase)
           && string.Equals(Path, repository.Name, StringComparison.Ordinal);
}
