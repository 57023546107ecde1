using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcsConsole.Core.Logs;

/// <summary>Severity read from a line's text, for colouring.</summary>
public enum LogSeverity
{
    None,
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>Reading log text: its level, and JSON lines made readable.</summary>
public static partial class LogText
{
    // Only the start of a line carries its level; scanning all of a 200 KB line would cost for nothing.
    private const int ScanLength = 300;

    [GeneratedRegex("""(?:"(?:level|severity|lvl|log\.level)"\s*:\s*"|\b(?:level|severity|lvl)=)(?<v>[A-Za-z]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StructuredLevel();

    [GeneratedRegex("""(?<![A-Za-z0-9_])(?:(?<e>FATAL|CRITICAL|CRIT|PANIC|EMERG|ALERT|ERROR|ERR|SEVERE)|(?<w>WARNING|WARN)|(?<i>INFO|NOTICE)|(?<d>DEBUG|TRACE))(?![A-Za-z0-9_])|\[(?:(?<e>error|crit|alert|emerg|fatal)|(?<w>warn|warning)|(?<i>info|notice)|(?<d>debug|trace))\]""", RegexOptions.CultureInvariant)]
    private static partial Regex LevelWord();

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // The result is shown as text (escaped by the renderer), so keep characters as they were written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static LogSeverity DetectSeverity(string message)
    {
        var text = AnsiText.Strip(message.Length > ScanLength ? message[..ScanLength] : message);
        var structured = StructuredLevel().Match(text);
        if (structured.Success) return FromWord(structured.Groups["v"].Value);
        var word = LevelWord().Match(text);
        if (!word.Success) return LogSeverity.None;
        if (word.Groups["e"].Success) return LogSeverity.Error;
        if (word.Groups["w"].Success) return LogSeverity.Warning;
        return word.Groups["i"].Success ? LogSeverity.Info : LogSeverity.Debug;
    }

    private static LogSeverity FromWord(string value) => value.ToUpperInvariant() switch
    {
        "FATAL" or "CRITICAL" or "CRIT" or "PANIC" or "EMERG" or "ALERT" or "ERROR" or "ERR" or "SEVERE" => LogSeverity.Error,
        "WARN" or "WARNING" => LogSeverity.Warning,
        "INFO" or "INFORMATION" or "NOTICE" => LogSeverity.Info,
        "DEBUG" or "TRACE" or "VERBOSE" => LogSeverity.Debug,
        _ => LogSeverity.None,
    };

    public static bool LooksLikeJson(string message)
    {
        var t = message.AsSpan().Trim();
        return t.Length >= 2 && ((t[0] == '{' && t[^1] == '}') || (t[0] == '[' && t[^1] == ']'));
    }

    /// <summary>The line as indented JSON, or null when it is not JSON.</summary>
    public static string? PrettyJson(string message)
    {
        if (!LooksLikeJson(message)) return null;
        try
        {
            using var doc = JsonDocument.Parse(message);
            return JsonSerializer.Serialize(doc.RootElement, Indented);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
