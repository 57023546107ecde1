using EcsConsole.Core.Logs;

namespace EcsConsole.Tests.Core.CloudWatchLogs;

public sealed class LogTextTests
{
    [Fact]
    public void Ansi_colour_codes_become_styled_spans_and_reset_returns_to_plain()
    {
        var spans = AnsiText.Parse("\u001b[32mINFO\u001b[0m:     Started server \u001b[1;31mfailed\u001b[22m done");

        Assert.Equal(["INFO", ":     Started server ", "failed", " done"], spans.Select(s => s.Text));
        Assert.Equal("2", spans[0].Style.Foreground);
        Assert.True(spans[1].Style.IsPlain);
        Assert.True(spans[2].Style.Bold);
        Assert.Equal("1", spans[2].Style.Foreground);
        Assert.False(spans[3].Style.Bold);
        Assert.Equal("1", spans[3].Style.Foreground);
    }

    [Fact]
    public void Extended_colours_become_hex_and_other_escapes_are_dropped()
    {
        var spans = AnsiText.Parse("\u001b]0;title\u0007\u001b[2K\u001b[38;5;196mred\u001b[48;2;0;128;255m on blue");

        Assert.Equal("red on blue", string.Concat(spans.Select(s => s.Text)));
        Assert.Equal("#ff0000", spans[0].Style.Foreground);
        Assert.Equal("#0080ff", spans[1].Style.Background);
    }

    [Fact]
    public void A_line_without_escapes_is_one_plain_span_and_a_cut_escape_is_not_shown()
    {
        Assert.Equal([new AnsiSpan("plain <b>text</b>", AnsiStyle.Plain)], AnsiText.Parse("plain <b>text</b>"));
        Assert.Equal("cut ", AnsiText.Strip("cut \u001b[3"));
    }

    [Theory]
    [InlineData("INFO:     127.0.0.1:51234 - \"GET /error HTTP/1.1\" 200 OK", LogSeverity.Info)]
    [InlineData("\u001b[32mINFO\u001b[0m:     Uvicorn running on http://0.0.0.0:8000", LogSeverity.Info)]
    [InlineData("2025-03-01 12:00:00 ERROR [main] Connection refused", LogSeverity.Error)]
    [InlineData("WARNING: disk almost full", LogSeverity.Warning)]
    [InlineData("[debug] cache miss", LogSeverity.Debug)]
    [InlineData("{\"level\":\"error\",\"msg\":\"INFO is not the level here\"}", LogSeverity.Error)]
    [InlineData("ts=2025-03-01 level=warn msg=slow", LogSeverity.Warning)]
    [InlineData("an error happened in lower case prose", LogSeverity.None)]
    [InlineData("INFORMATIONAL text is not a level word", LogSeverity.None)]
    public void The_level_is_read_from_the_start_of_the_line(string message, LogSeverity expected)
        => Assert.Equal(expected, LogText.DetectSeverity(message));

    [Fact]
    public void Json_lines_are_pretty_printed_on_demand_and_other_lines_are_not()
    {
        var pretty = LogText.PrettyJson("{\"level\":\"info\",\"path\":\"/a<b>\",\"n\":[1,2]}");

        Assert.NotNull(pretty);
        Assert.Contains("\n  \"path\": \"/a<b>\"", pretty, StringComparison.Ordinal);
        Assert.Null(LogText.PrettyJson("{not json}"));
        Assert.Null(LogText.PrettyJson("GET / 200"));
    }

    [Fact]
    public void Identical_lines_in_one_millisecond_are_both_kept_but_a_page_read_twice_dedups()
    {
        var events = new List<EcsConsole.Core.Aws.Logs.Model.OutputLogEvent>
        {
            new() { Timestamp = 1000, IngestionTime = 1001, Message = "GET /health 200" },
            new() { Timestamp = 1000, IngestionTime = 1001, Message = "GET /health 200" },
        };

        var first = LogsMapper.ToLines(events, "ecs/app/abc");
        var again = LogsMapper.ToLines(events, "ecs/app/abc");
        var dedup = new LogDeduplicator();

        Assert.Equal(2, first.Concat(again).Count(dedup.Add));
        Assert.Equal("app", first[0].Source);
    }
}
