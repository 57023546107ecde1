using System.Text;
using System.Text.Json;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>
/// Commands as people type them: a JSON array (as the AWS console and CLI show them), or words
/// with shell-style quotes. Joining produces the JSON array form, which always splits back exactly.
/// </summary>
public static class CommandLine
{
    public static bool TrySplit(string? text, out IReadOnlyList<string> words, out string? error)
    {
        words = [];
        error = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return true;
        if (trimmed.StartsWith('['))
        {
            try
            {
                var parsed = JsonSerializer.Deserialize<List<string>>(trimmed);
                words = parsed ?? [];
                return true;
            }
            catch (JsonException)
            {
                error = "Write a JSON array of strings, e.g. [\"uvicorn\", \"main:app\"].";
                return false;
            }
        }

        var result = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else if (c == '\\' && q == '"' && i + 1 < trimmed.Length && trimmed[i + 1] is '"' or '\\') current.Append(trimmed[++i]);
                else current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) result.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            error = $"A {quote} quote is not closed.";
            return false;
        }

        if (inWord) result.Add(current.ToString());
        words = result;
        return true;
    }

    /// <summary>Plain words are joined with spaces; anything needing quotes becomes the JSON array form.</summary>
    public static string Join(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return "";
        var plain = words.All(w => w.Length > 0 && !w.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\')) && !words[0].StartsWith('[');
        return plain ? string.Join(' ', words) : JsonSerializer.Serialize(words);
    }
}
