using EcsConsole.Core.Logs;

namespace EcsConsole.Tests.Core.CloudWatchLogs;

public sealed class LogRangeReaderTests
{
    private const string Group = "/ecs/web";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_single_stream_range_is_read_page_by_page_to_its_end()
    {
        var source = new FakeLogEventSource { PageSize = 4 };
        for (var i = 0; i < 10; i++) source.Write(Group, "ecs/app/t1", T0.AddSeconds(i), $"line {i}");
        var reader = new LogRangeReader(source);

        var pages = new List<IReadOnlyList<LogLine>>();
        await foreach (var page in reader.ReadAsync(new LogTailKey("sandbox", "us-east-1", Group, ["ecs/app/t1"]),
                           new LogTimeRange(T0.AddSeconds(2), T0.AddSeconds(8)), TestContext.Current.CancellationToken))
        {
            pages.Add(page);
        }

        Assert.Equal(Enumerable.Range(2, 7).Select(i => $"line {i}"), pages.SelectMany(p => p).Select(l => l.Message));
        Assert.True(pages.Count >= 2);
    }

    [Fact]
    public async Task A_filtered_range_follows_empty_pages_until_no_token_is_left()
    {
        var source = new FakeLogEventSource { PageSize = 2, EmptyFilterPagesFirst = 2 };
        for (var i = 0; i < 5; i++) source.Write(Group, $"ecs/app/t{i % 2}", T0.AddSeconds(i), i % 2 == 0 ? $"ERROR {i}" : $"ok {i}");
        var reader = new LogRangeReader(source);

        var lines = new List<LogLine>();
        await foreach (var page in reader.ReadAsync(new LogTailKey("sandbox", "us-east-1", Group, [], "ERROR"),
                           LogTimeRange.WholeStream, TestContext.Current.CancellationToken))
        {
            lines.AddRange(page);
        }

        Assert.Equal(["ERROR 0", "ERROR 2", "ERROR 4"], lines.Select(l => l.Message));
    }
}
