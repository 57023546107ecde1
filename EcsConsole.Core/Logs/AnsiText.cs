using System.Globalization;
using System.Text;

namespace EcsConsole.Core.Logs;

/// <summary>The look of a run of text as ANSI SGR codes set it. Colours are palette indexes 0–15 or "#rrggbb".</summary>
public readonly record struct AnsiStyle(string? Foreground, string? Background, bool Bold, bool Dim, bool Italic, bool Underline)
{
    public static AnsiStyle Plain { get; } = default;

    public bool IsPlain => this == Plain;
}

/// <summary>A run of text with one style. The text is shown as text, never as markup.</summary>
public readonly record struct AnsiSpan(string Text, AnsiStyle Style);

/// <summary>
/// Splits a log line into styled spans by its ANSI SGR codes (colours, bold, dim, italic,
/// underline; 16, 256 and 24-bit colours). Other escape sequences (cursor moves, titles) are dropped.
/// </summary>
public static class AnsiText
{
    private const char Escape = '\u001b';

    public static bool HasEscapes(string text) => text.Contains(Escape);

    public static string Strip(string text)
    {
        if (!HasEscapes(text)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var span in Parse(text)) sb.Append(span.Text);
        return sb.ToString();
    }

    public static IReadOnlyList<AnsiSpan> Parse(string text)
    {
        if (!HasEscapes(text)) return [new AnsiSpan(text, AnsiStyle.Plain)];
        var spans = new List<AnsiSpan>();
        var style = AnsiStyle.Plain;
        var run = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != Escape)
            {
                run.Append(c);
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '[')
            {
                // CSI: ESC [ parameters intermediates final-byte (0x40–0x7E).
                var end = i + 2;
                while (end < text.Length && (text[end] < '@' || text[end] > '~')) end++;
                if (end >= text.Length)
                {
                    i = text.Length;
                    break;
                }

                if (text[end] == 'm')
                {
                    var next = Apply(style, text.AsSpan(i + 2, end - i - 2));
                    if (next != style)
                    {
                        Flush(spans, run, style);
                        style = next;
                    }
                }

                i = end + 1;
            }
            else if (i + 1 < text.Length && text[i + 1] == ']')
            {
                // OSC (window title, hyperlinks): ends with BEL or ESC \.
                var end = i + 2;
                while (end < text.Length && text[end] != '\a' && !(text[end] == Escape && end + 1 < text.Length && text[end + 1] == '\\')) end++;
                i = end < text.Length && text[end] == Escape ? end + 2 : end + 1;
            }
            else
            {
                i += 2;
            }
        }

        Flush(spans, run, style);
        return spans.Count == 0 ? [new AnsiSpan("", AnsiStyle.Plain)] : spans;
    }

    private static void Flush(List<AnsiSpan> spans, StringBuilder run, AnsiStyle style)
    {
        if (run.Length == 0) return;
        spans.Add(new AnsiSpan(run.ToString(), style));
        run.Clear();
    }

    private static AnsiStyle Apply(AnsiStyle style, ReadOnlySpan<char> parameters)
    {
        var codes = new List<int>();
        foreach (var range in parameters.Split(';'))
        {
            var part = parameters[range];
            codes.Add(part.IsEmpty ? 0 : int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1);
        }

        if (codes.Count == 0) codes.Add(0);
        for (var k = 0; k < codes.Count; k++)
        {
            var code = codes[k];
            switch (code)
            {
                case 0: style = AnsiStyle.Plain; break;
                case 1: style = style with { Bold = true }; break;
                case 2: style = style with { Dim = true }; break;
                case 3: style = style with { Italic = true }; break;
                case 4: style = style with { Underline = true }; break;
                case 22: style = style with { Bold = false, Dim = false }; break;
                case 23: style = style with { Italic = false }; break;
                case 24: style = style with { Underline = false }; break;
                case >= 30 and <= 37: style = style with { Foreground = Palette(code - 30) }; break;
                case >= 90 and <= 97: style = style with { Foreground = Palette(code - 90 + 8) }; break;
                case 39: style = style with { Foreground = null }; break;
                case >= 40 and <= 47: style = style with { Background = Palette(code - 40) }; break;
                case >= 100 and <= 107: style = style with { Background = Palette(code - 100 + 8) }; break;
                case 49: style = style with { Background = null }; break;
                case 38 or 48:
                    var colour = ExtendedColour(codes, ref k);
                    style = code == 38 ? style with { Foreground = colour } : style with { Background = colour };
                    break;
            }
        }

        return style;
    }

    private static string Palette(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>38;5;n (256 colours) or 38;2;r;g;b (24-bit); advances past the parameters it used.</summary>
    private static string? ExtendedColour(List<int> codes, ref int k)
    {
        if (k + 2 < codes.Count && codes[k + 1] == 5)
        {
            var n = codes[k + 2];
            k += 2;
            return n switch
            {
                >= 0 and < 16 => Palette(n),
                >= 16 and < 232 => Hex(Cube((n - 16) / 36), Cube((n - 16) / 6 % 6), Cube((n - 16) % 6)),
                >= 232 and < 256 => Hex(8 + (10 * (n - 232)), 8 + (10 * (n - 232)), 8 + (10 * (n - 232))),
                _ => null,
            };
        }

        if (k + 4 < codes.Count && codes[k + 1] == 2)
        {
            var (r, g, b) = (codes[k + 2], codes[k + 3], codes[k + 4]);
            k += 4;
            return r is >= 0 and < 256 && g is >= 0 and < 256 && b is >= 0 and < 256 ? Hex(r, g, b) : null;
        }

        return null;
    }

    private static int Cube(int v) => v == 0 ? 0 : 55 + (v * 40);

    private static string Hex(int r, int g, int b) => $"#{r:x2}{g:x2}{b:x2}";
}
