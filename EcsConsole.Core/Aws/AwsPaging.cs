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
        // A service that hands back a token it gave before would page forever; stop at the first repeat.
        var seen = new HashSet<string>(StringComparer.Ordinal);
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
            token = string.IsNullOrEmpty(next) || !seen.Add(next) ? null : next;
        }
        while (token is not null);
    }
}
