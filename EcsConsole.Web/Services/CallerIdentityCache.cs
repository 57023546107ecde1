using System.Collections.Concurrent;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Sts;

namespace EcsConsole.Web.Services;

/// <summary>Who a connection's credentials are (<see cref="Identity"/>), or why that could not be read (<see cref="Problem"/>, a sentence).</summary>
public sealed record CallerIdentityLookup(CallerIdentity? Identity, string? Problem);

/// <summary>Caches STS GetCallerIdentity per (connection, region): the answer does not change while the app runs.</summary>
public sealed class CallerIdentityCache(AwsClientFactory clients, ILogger<CallerIdentityCache> logger)
{
    private readonly ConcurrentDictionary<(string, string), Task<CallerIdentityLookup>> _cache = new();

    public Task<CallerIdentityLookup> GetAsync(string connection, string region)
    {
        var task = _cache.GetOrAdd((connection, region), key => LoadAsync(key.Item1, key.Item2));
        // A failed lookup (no network, expired SSO token) is tried again next time.
        if (task.IsCompleted && task.Result.Identity is null) _cache.TryRemove((connection, region), out _);
        return task;
    }

    private async Task<CallerIdentityLookup> LoadAsync(string connection, string region)
    {
        try
        {
            return new CallerIdentityLookup(await clients.For(connection, region).Sts.GetCallerIdentityAsync(CancellationToken.None), null);
        }
        catch (AwsServiceException ex)
        {
            logger.LogWarning(ex, "Could not read the caller identity of connection {Connection}", connection);
            return new CallerIdentityLookup(null, ex.UserMessage);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Credentials that cannot be resolved fail before any call (no profile, SSO never signed in).
            logger.LogWarning(ex, "Could not read the caller identity of connection {Connection}", connection);
            return new CallerIdentityLookup(null, $"Could not use the credentials of connection {connection}: {ex.Message}");
        }
    }
}
