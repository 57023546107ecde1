using System.Globalization;
using System.Text;

namespace EcsConsole.Sandbox.Protocol;

/// <summary>Offset paging behind opaque tokens, like AWS's: a token only fits the listing that issued it.</summary>
internal static class Paging
{
    public static List<T> Page<T>(IReadOnlyList<T> items, string? token, int pageSize, string scope, out string? nextToken,
        string invalidTokenCode = "InvalidParameterException")
    {
        var offset = 0;
        if (!string.IsNullOrEmpty(token))
        {
            offset = Decode(token, scope) ?? throw new SandboxApiException(invalidTokenCode, "The specified nextToken is invalid.");
        }

        var page = items.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count;
        nextToken = next < items.Count ? Encode(next, scope) : null;
        return page;
    }

    public static string Encode(int offset, string scope)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{scope}|{offset.ToString(CultureInfo.InvariantCulture)}"));

    public static int? Decode(string token, string scope)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.LastIndexOf('|');
            if (bar < 0 || text[..bar] != scope) return null;
            return int.TryParse(text[(bar + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
