using EcsConsole.Core.Logs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EcsConsole.Tests.Core.CloudWatchLogs;

public sealed class LogTailerTests
{
    private const string Group = "/ecs/web";
    private const string App = "ecs/app/0123456789abcdef";
    private const string Sidecar = "ecs/sidecar/0123456789abcdef";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeLogEventSource _source = new();
    private readonly FakeTimeProvider _clock = new(T0.AddMinutes(10));
    private readonly LogsOptions _options = new();

    private LogTailer NewTailer(LogTailKey key, DateTimeOffset? start = null)
        => new(key, start, _source, _clock, _options, NullLogger.Instance);

    private static LogTailKey Key(params string[] streams) => new("sandbox", "us-east-1", Group, streams);

    private static async Task<LogBatch> TakeAsync(LogSubscriberQueue queue)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await queue.TakeAsync(cts.Token) ?? throw new InvalidOperationException("The reader stopped.");
    }

    [Fact]
    public async Task Pages_forward_with_tokens_and_stops_when_the_same_token_comes_back()
    {
        _source.PageSize = 10;
        for (var i = 0; i < 25; i++) _source.Write(Group, App, T0.AddSeconds(i), $"line {i}");
        await using var tailer = NewTailer(Key(App));
        var queue = tailer.Subscribe(null);

        var first = await tailer.PollOnceAsync(TestContext.Current.CancellationToken);
        var history = await TakeAsync(queue);

        Assert.Equal(LogPollOutcome.NewLines, first);
        Assert.True(history.IsHistory);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"line {i}"), history.Select(l => l.Message));
        // Three full-or-last pages, then the same token came back on the third: caught up.
        Assert.Equal(3, _source.GetCalls);

        var idle = await tailer.PollOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(LogPollOutcome.Idle, idle);
        Assert.Equal(4, _source.GetCalls);

        _source.Write(Group, App, T0.AddSeconds(30), "a new line");
        Assert.Equal(LogPollOutcome.NewLines, await tailer.PollOnceAsync(TestContext.Current.CancellationToken));
        var next = await TakeAsync(queue);
        Assert.False(next.IsHistory);
        Assert.Equal(["a new line"], next.Select(l => l.Message));
    }

    [Fact]
    public async Task Merges_streams_in_timestamp_order_and_tags_each_line_with_its_container()
    {
        _source.Write(Group, App, T0.AddMilliseconds(10), "app 1");
        _source.Write(Group, App, T0.AddMilliseconds(30), "app 2");
        _source.Write(Group, Sidecar, T0.AddMilliseconds(20), "side 1");
        _source.Write(Group, Sidecar, T0.AddMilliseconds(40), "side 2");
        await using var tailer = NewTailer(Key(App, Sidecar));
        var queue = tailer.Subscribe(null);

        await tailer.PollOnceAsync(TestContext.Current.CancellationToken);
        var history = await TakeAsync(queue);

        Assert.Equal(["app 1", "side 1", "app 2", "side 2"], history.Select(l => l.Message));
        Assert.Equal(["app", "sidecar", "app", "sidecar"], history.Select(l => l.Source));
    }

    [Fact]
    public async Task A_filter_pattern_rereads_a_lookback_window_but_hands_out_each_event_once()
    {
        _source.Write(Group, App, T0, "GET /health 200");
        _source.Write(Group, App, T0.AddSeconds(1), "GET /orders 500 error");
        await using var tailer = NewTailer(new LogTailKey("sandbox", "us-east-1", Group, [App], "GET"));
        var queue = tailer.Subscribe(null);

        await tailer.PollOnceAsync(TestContext.Current.CancellationToken);
        _source.Write(Group, App, T0.AddSeconds(2), "GET /health 200");
        await tailer.PollOnceAsync(TestContext.Current.CancellationToken);
        await tailer.PollOnceAsync(TestContext.Current.CancellationToken);

        var lines = new List<LogLine>();
        while (queue.PendingCount > 0 || lines.Count == 0) lines.AddRange(await TakeAsync(queue));
        Assert.Equal(["GET /health 200", "GET /orders 500 error", "GET /health 200"], lines.Select(l => l.Message));
        // Later polls start a look-back window before the newest line, so they see old events again.
        Assert.Equal(T0.AddSeconds(1) - _options.FilterLookback, _source.FilterQueries[1].Start);
        Assert.Equal(T0.AddSeconds(2) - _options.FilterLookback, _source.FilterQueries[2].Start);
    }

    [Fact]
    public async Task Filter_pages_that_are_empty_but_carry_a_token_are_followed_to_the_end()
    {
        _source.EmptyFilterPagesFirst = 3;
        _source.Write(Group, App, T0, "ERROR boom");
        await using var tailer = NewTailer(new LogTailKey("sandbox", "us-east-1", Group, [], "ERROR"));
        var queue = tailer.Subscribe(null);

        await tailer.PollOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["ERROR boom"], (await TakeAsync(queue)).Select(l => l.Message));
        Assert.Equal(4, _source.FilterCalls);
    }

    [Fact]
    public async Task Throttling_is_reported_and_the_next_poll_picks_up_where_it_left_off()
    {
        _source.Write(Group, App, T0, "one");
        await using var tailer = NewTailer(Key(App));
        var queue = tailer.Subscribe(null);
        _source.ThrottleNext(1);

        Assert.Equal(LogPollOutcome.Throttled, await tailer.PollOnceAsync(TestContext.Current.CancellationToken));
        var status = await TakeAsync(queue);
        Assert.Equal(LogTailState.Throttled, status.Status.State);
        Assert.Contains("throttling", status.Status.Message, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(LogPollOutcome.NewLines, await tailer.PollOnceAsync(TestContext.Current.CancellationToken));
        var recovered = await TakeAsync(queue);
        Assert.Equal(["one"], recovered.Select(l => l.Message));
        Assert.Equal(LogTailState.Following, recovered.Status.State);
    }

    [Fact]
    public async Task A_stream_that_does_not_exist_yet_is_waited_for_with_a_sentence()
    {
        await using var tailer = NewTailer(Key(App));
        var queue = tailer.Subscribe(null);

        await tailer.PollOnceAsync(TestContext.Current.CancellationToken);
        var batch = await TakeAsync(queue);

        Assert.Empty(batch);
        Assert.Equal(LogTailState.Waiting, batch.Status.State);
        Assert.Contains("does not exist yet", batch.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_that_joins_later_gets_the_kept_history_from_its_start()
    {
        for (var i = 0; i < 5; i++) _source.Write(Group, App, T0.AddMinutes(i), $"minute {i}");
        await using var tailer = NewTailer(Key(App));
        tailer.Subscribe(null);
        await tailer.PollOnceAsync(TestContext.Current.CancellationToken);

        var late = tailer.Subscribe(T0.AddMinutes(3));
        var history = await TakeAsync(late);

        Assert.True(history.IsHistory);
        Assert.Equal(["minute 3", "minute 4"], history.Select(l => l.Message));
    }
}
