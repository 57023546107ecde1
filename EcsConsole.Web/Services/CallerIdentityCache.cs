using System.Collections.Concurrent;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Sts;

namespace EcsConsole.Web.Services;

/// <summary>Caches STS GetCallerIdentity per (connection, region): the answer does not change while the app runs.</summary>
public sealed class CallerIdentityCache(AwsClientFactory clients, ILogger<CallerIdentityCache> logger)
{
    private readonly ConcurrentDictionary<(string, string), Task<CallerIdentity?>> _cache = new();

    public Task<CallerIdentity?> GetAsync(string connection, string region)
    {
        var task = _cache.GetOrAdd((connection, region), key => LoadAsync(key.Item1, key.Item2));
        // A failed lookup (no network, expired SSO token) is tried again next time.
        if (task.IsCompleted && task.Result is null) _cache.TryRemove((connection, region), out _);
        return task;
    }

    private async Task<CallerIdentity?> LoadAsync(string connection, string region)
    {
        try
        {
            return await clients.For(connection, region).Sts.GetCallerIdentityAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the caller identity of connection {Connection}", connection);
            return null;
        }
    }
}
