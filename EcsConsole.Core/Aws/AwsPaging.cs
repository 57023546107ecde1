using System.Runtime.CompilerServices;

namespace EcsConsole.Core.Aws;

/// <summary>Token paging shared by the typed clients.</summary>
public static class AwsPaging
{
    public static async IAsyncEnumerable<TItem> PagesAsync<TResponse, TItem>(
        Func<string?, Task<TResponse>> fetch,
        Func<TResponse, IEnumerable<TItem>?> items,
        Func<TResponse, string?> nextToken,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            ct.ThrowIfCancellationRequested();
            var page = await fetch(token).ConfigureAwait(false);
            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }

            var next = nextToken(page);
            // A service that hands back the token it was given would page forever.
            token = string.IsNullOrEmpty(next) || next == token ? null : next;
        }
        while (token is not null);
    }
}
