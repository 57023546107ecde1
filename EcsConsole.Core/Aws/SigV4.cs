using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace EcsConsole.Core.Aws;

/// <summary>
/// Signature Version 4. The canonical request is built here (AWSSDK.Core keeps its canonicalizer
/// internal); the signing key derivation and HMAC come from AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
public static class SigV4
{
    public const string DateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";

    /// <summary>
    /// Signs a request. <paramref name="headers"/> gains Host, X-Amz-Date (and the session token when
    /// there is one); the returned value is the Authorization header.
    /// </summary>
    public static string Sign(
        string method,
        Uri uri,
        IDictionary<string, string> headers,
        ReadOnlySpan<byte> body,
        ImmutableCredentials credentials,
        string region,
        string service,
        DateTime signedAtUtc)
    {
        headers["Host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        headers[DateHeader] = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        if (credentials.UseToken)
        {
            headers[SecurityTokenHeader] = credentials.Token;
        }

        var (canonical, signedHeaders) = CanonicalRequest(method, uri, headers, Convert.ToHexStringLower(SHA256.HashData(body)));
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, service, signedHeaders, canonical);
        return result.ForAuthorizationHeader;
    }

    /// <summary>The canonical request and the signed-header list, as the SigV4 specification defines them.</summary>
    public static (string Canonical, string SignedHeaders) CanonicalRequest(
        string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, string payloadHash)
    {
        var sorted = headers
            .GroupBy(h => h.Key.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(",", g.Select(h => CollapseSpaces(h.Value)))))
            .ToList();
        var signedHeaders = string.Join(";", sorted.Select(h => h.Name));
        var builder = new StringBuilder();
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalPath(uri.AbsolutePath)).Append('\n');
        builder.Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var (name, value) in sorted)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return (builder.ToString(), signedHeaders);
    }

    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        var builder = new StringBuilder(trimmed.Length);
        var lastSpace = false;
        foreach (var c in trimmed)
        {
            var space = c == ' ';
            if (!(space && lastSpace)) builder.Append(c);
            lastSpace = space;
        }

        return builder.ToString();
    }

    private static string CanonicalPath(string absolutePath)
    {
        if (string.IsNullOrEmpty(absolutePath)) return "/";
        // Services other than S3 encode each path segment once more on top of the URI's own encoding.
        return string.Join("/", absolutePath.Split('/').Select(s => Encode(Uri.UnescapeDataString(s), twice: true)));
    }

    private static string CanonicalQuery(string query)
    {
        var trimmed = query.TrimStart('?');
        if (trimmed.Length == 0) return "";
        return string.Join("&", trimmed.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                return (Name: Encode(name), Value: Encode(value));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    private static string Encode(string value, bool twice = false)
    {
        var once = Rfc3986(value);
        return twice ? Rfc3986(once) : once;
    }

    private static string Rfc3986(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
