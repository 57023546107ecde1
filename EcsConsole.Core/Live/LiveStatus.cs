using EcsConsole.Core.Aws;

namespace EcsConsole.Core.Live;

/// <summary>How fresh a watcher's data is, and why not when it is stale.</summary>
public sealed record LiveStatus(DateTimeOffset? LastRefreshedAt, DateTimeOffset? StaleSince, string? Problem, AwsErrorKind? ErrorKind)
{
    public static LiveStatus Loading { get; } = new(null, null, null, null);

    /// <summary>True until the first refresh finished (or failed).</summary>
    public bool IsLoading => LastRefreshedAt is null && StaleSince is null;

    /// <summary>The last refresh failed: the data shown is what AWS said earlier (or nothing yet).</summary>
    public bool IsStale => StaleSince is not null;

    /// <summary>True when AWS never answered since the watcher started: there is nothing to show, only the error.</summary>
    public bool NeverLoaded => LastRefreshedAt is null && StaleSince is not null;

    internal static LiveStatus Fresh(DateTimeOffset at) => new(at, null, null, null);

    internal LiveStatus Failed(DateTimeOffset at, string problem, AwsErrorKind? kind)
        => new(LastRefreshedAt, StaleSince ?? at, problem, kind);

    /// <summary>Whether the difference matters to a page (the refresh time alone does not).</summary>
    internal bool SameShape(LiveStatus other)
        => (LastRefreshedAt is null) == (other.LastRefreshedAt is null) && StaleSince == other.StaleSince
           && Problem == other.Problem && ErrorKind == other.ErrorKind;
}
