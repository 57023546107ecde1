using System.Text;
using EcsConsole.Sandbox.Protocol;

namespace EcsConsole.Sandbox.Logs;

/// <summary>
/// CloudWatch Logs' unstructured filter patterns: plain terms (all must occur), "quoted phrases",
/// ?alternatives (any may occur) and -exclusions. Matching is case-sensitive, as in CloudWatch.
/// </summary>
internal sealed class FilterPattern
{
    private readonly List<string> _required = [];
    private readonly List<string> _any = [];
    private readonly List<string> _excluded = [];

    private FilterPattern()
    {
    }

    public static FilterPattern Parse(string? pattern)
    {
        var result = new FilterPattern();
        var text = pattern?.Trim() ?? "";
        if (text is "" or "\"\"") return result;
        if (text[0] is '{' or '[' || (text[0] == '%' && text[^1] == '%'))
        {
            throw new SandboxApiException("InvalidParameterException",
                "The sandbox supports plain terms, \"quoted phrases\", ?alternatives and -exclusions in filter patterns, not JSON, space-delimited or regex patterns.");
        }

        foreach (var token in Tokens(text))
        {
            if (token.Text.Length == 0) continue;
            var list = token.Prefix switch { '?' => result._any, '-' => result._excluded, _ => result._required };
            list.Add(token.Text);
        }

        return result;
    }

    public bool Matches(string message)
        => _required.All(t => message.Contains(t, StringComparison.Ordinal))
           && (_any.Count == 0 || _any.Any(t => message.Contains(t, StringComparison.Ordinal)))
           && !_excluded.Any(t => message.Contains(t, StringComparison.Ordinal));

    private static IEnumerable<(char? Prefix, string Text)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) yield break;
            char? prefix = text[i] is '?' or '-' ? text[i++] : null;
            var builder = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    builder.Append(text[i++]);
                }

                i++;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i])) builder.Append(text[i++]);
            }

            yield return (prefix, builder.ToString());
        }
    }
}
