using EcsConsole.Core.Logs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EcsConsole.Tests.Core.CloudWatchLogs;

public sealed class LogTailerHubTests : IAsyncDisposable
{
    private const string Group = "/ecs/web";
    private const string App = "ecs/app/0123456789abcdef";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeLogEventSource _source = new();
    private readonly FakeTimeProvider _clock = new(T0.AddMinutes(10));
    private readonly LogsOptions _options = new();
    private readonly LogTailerHub _hub;
    private readonly LogTailKey _key = new("sandbox", "us-east-1", Group, [App]);

    public LogTailerHubTests()
    {
        _hub = new LogTailerHub(_source, new LogRangeReader(_source), _clock, Options.Create(_options), NullLoggerFactory.Instance);
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Reads a subscription in the background into a list.</summary>
    private sealed class Watcher
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly List<LogBatch> _batches = [];

        public Watcher(LogTailerHub hub, LogTailKey key, DateTimeOffset? start)
        {
            Done = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in hub.SubscribeAsync(key, start, _cts.Token))
                    {
                        lock (_batches) _batches.Add(batch);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The viewer closed.
                }
            });
        }

        public Task Done { get; }

        public IReadOnlyList<string> Messages
        {
            get { lock (_batches) return [.. _batches.SelectMany(b => b).Select(l => l.Message)]; }
        }

        public int BatchCount
        {
            get { lock (_batches) return _batches.Count; }
        }

        public async Task StopAsync()
        {
            await _cts.CancelAsync();
            await Done;
        }
    }

    [Fact]
    public async Task Several_viewers_of_one_task_share_one_reader_and_one_set_of_calls()
    {
        _source.Write(Group, App, T0, "banner");
        var viewers = Enumerable.Range(0, 5).Select(_ => new Watcher(_hub, _key, null)).ToList();
        await WaitUntilAsync(() => viewers.All(v => v.Messages.Count == 1), "every viewer has the history");

        Assert.Equal(1, _hub.ActiveReaders);
        Assert.Equal(1, _source.GetCalls);

        _source.Write(Group, App, T0.AddSeconds(1), "GET / 200");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => viewers.All(v => v.Messages.Count == 2), "every viewer has the new line");

        Assert.Equal(2, _source.GetCalls);
        Assert.All(viewers, v => Assert.Equal(["banner", "GET / 200"], v.Messages));
        foreach (var v in viewers) await v.StopAsync();
    }

    [Fact]
    public async Task The_reader_stops_when_the_last_viewer_leaves()
    {
        _source.Write(Group, App, T0, "banner");
        var a = new Watcher(_hub, _key, null);
        var b = new Watcher(_hub, _key, null);
        await WaitUntilAsync(() => a.Messages.Count == 1 && b.Messages.Count == 1, "both viewers have the history");

        await a.StopAsync();
        Assert.Equal(1, _hub.ActiveReaders);
        await b.StopAsync();
        Assert.Equal(0, _hub.ActiveReaders);

        var calls = _source.Calls;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(calls, _source.Calls);
    }

    /// <summary>Lets the reader run <paramref name="count"/> more polls on the fake clock and returns the wait each chose, in seconds.</summary>
    private async Task<double[]> NextWaitsAsync(LogTailer tailer, int count)
    {
        var waits = new double[count];
        for (var i = 0; i < count; i++)
        {
            var seen = tailer.Waits;
            _clock.Advance(tailer.LastDelay);
            await WaitUntilAsync(() => tailer.Waits > seen, "the next poll ran and chose its wait");
            waits[i] = tailer.LastDelay.TotalSeconds;
        }

        return waits;
    }

    [Fact]
    public async Task Polls_back_off_when_idle_reset_on_new_lines_and_back_off_harder_when_throttled()
    {
        _source.Write(Group, App, T0, "banner");
        var viewer = new Watcher(_hub, _key, null);
        await WaitUntilAsync(() => viewer.Messages.Count == 1, "the history arrived");
        var tailer = _hub.Find(_key)!;

        // After new lines: 1 s. Idle: 1 s, 2 s, then 5 s.
        await WaitUntilAsync(() => tailer.Waits > 0, "the first wait began");
        Assert.Equal(TimeSpan.FromSeconds(1), tailer.LastDelay);
        var idle = await NextWaitsAsync(tailer, 4);
        Assert.Equal([1d, 2d, 5d, 5d], idle);

        // A new line resets the interval to 1 s.
        _source.Write(Group, App, T0.AddSeconds(30), "GET / 200");
        var waits2 = await NextWaitsAsync(tailer, 2);
        Assert.Equal([1d, 1d], waits2);
        await WaitUntilAsync(() => viewer.Messages.Count == 2, "the viewer has the new line");

        // Throttled: 5 s, then 10 s, then 20 s; data again brings it back to 1 s.
        _source.ThrottleNext(3);
        _source.Write(Group, App, T0.AddSeconds(40), "GET /after 200");
        var waits4 = await NextWaitsAsync(tailer, 4);
        Assert.Equal([5d, 10d, 20d, 1d], waits4);
        await viewer.StopAsync();
    }

    [Fact]
    public async Task A_viewer_asking_for_older_lines_than_the_shared_reader_began_with_gets_them_too()
    {
        for (var i = 0; i < 6; i++) _source.Write(Group, App, T0.AddMinutes(i), $"minute {i}");
        var recent = new Watcher(_hub, _key, T0.AddMinutes(4));
        await WaitUntilAsync(() => recent.Messages.Count == 2, "the recent viewer has its history");

        var whole = new Watcher(_hub, _key, null);
        await WaitUntilAsync(() => whole.Messages.Count == 6, "the second viewer has all six lines");

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"minute {i}"), whole.Messages);
        Assert.Equal(1, _hub.ActiveReaders);
        await recent.StopAsync();
        await whole.StopAsync();
    }
}
