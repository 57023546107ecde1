using System.Text;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>The result of reading a pasted .env block: the variables, and what could not be read (by line number).</summary>
public sealed record DotEnvResult(IReadOnlyList<EnvironmentVariable> Variables, IReadOnlyList<string> Problems);

/// <summary>
/// Reads .env blocks as docker compose and most dotenv libraries do: KEY=value lines, comments,
/// "export " prefixes, single quotes taken literally, double quotes with \n and \" escapes,
/// and " #" starting a comment after an unquoted value. A later line wins over an earlier one.
/// </summary>
public static class DotEnvParser
{
    public static DotEnvResult Parse(string? text)
    {
        var variables = new List<EnvironmentVariable>();
        var problems = new List<string>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            var eq = line.IndexOf('=');
            if (eq <= 0)
            {
                problems.Add($"Line {i + 1}: expected NAME=value.");
                continue;
            }

            var name = line[..eq].Trim();
            if (!IsName(name))
            {
                problems.Add($"Line {i + 1}: \"{name}\" is not a variable name (letters, digits, underscores; not starting with a digit).");
                continue;
            }

            var raw = line[(eq + 1)..].TrimStart();
            string value;
            if (raw.StartsWith('"') || raw.StartsWith('\''))
            {
                var quote = raw[0];
                var (parsed, closedAt) = ReadQuoted(raw, quote);
                // A double-quoted value may span lines, as in docker compose.
                while (closedAt < 0 && quote == '"' && i + 1 < lines.Length)
                {
                    raw += "\n" + lines[++i];
                    (parsed, closedAt) = ReadQuoted(raw, quote);
                }

                if (closedAt < 0)
                {
                    problems.Add($"Line {i + 1}: the {quote} quote of {name} is not closed.");
                    continue;
                }

                value = parsed;
            }
            else
            {
                var comment = raw.IndexOf(" #", StringComparison.Ordinal);
                value = (comment >= 0 ? raw[..comment] : raw).TrimEnd();
            }

            variables.RemoveAll(v => v.Name == name);
            variables.Add(new EnvironmentVariable(name, value));
        }

        return new DotEnvResult(variables, problems);
    }

    private static (string Value, int ClosedAt) ReadQuoted(string raw, char quote)
    {
        var sb = new StringBuilder();
        for (var k = 1; k < raw.Length; k++)
        {
            var c = raw[k];
            if (c == quote) return (sb.ToString(), k);
            if (quote == '"' && c == '\\' && k + 1 < raw.Length)
            {
                var next = raw[++k];
                sb.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
                continue;
            }

            sb.Append(c);
        }

        return ("", -1);
    }

    private static bool IsName(string name)
        => name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Merges parsed variables into a container's rows: same names are updated, new ones appended, empty rows dropped.</summary>
    public static void MergeInto(List<EnvironmentVariableDraft> rows, IEnumerable<EnvironmentVariable> variables)
    {
        rows.RemoveAll(r => string.IsNullOrWhiteSpace(r.Name) && string.IsNullOrEmpty(r.Value));
        foreach (var v in variables)
        {
            var existing = rows.FirstOrDefault(r => r.Name.Trim() == v.Name);
            if (existing is not null) existing.Value = v.Value;
            else rows.Add(new EnvironmentVariableDraft { Name = v.Name, Value = v.Value });
        }
    }
}
