using EcsConsole.Core.Logs;

namespace EcsConsole.Tests.Core.CloudWatchLogs;

public sealed class LogSubscriberQueueTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<LogLine> Lines(int from, int count)
        => [.. Enumerable.Range(from, count).Select(i => new LogLine(T0.AddMilliseconds(i), T0, $"line {i}", "s", "app", $"id{i}"))];

    [Fact]
    public async Task A_subscriber_that_falls_behind_keeps_the_newest_lines_and_is_told_how_many_were_dropped()
    {
        var queue = new LogSubscriberQueue(1_000);
        queue.MarkHistoryReady();
        queue.Enqueue(Lines(0, 600));
        queue.Enqueue(Lines(600, 600));
        queue.Enqueue(Lines(1_200, 1_300));

        var batch = await queue.TakeAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(batch);
        Assert.Equal(1_000, batch.Count);
        Assert.Equal(1_500, batch.Dropped);
        Assert.Equal("line 1500", batch[0].Message);
        Assert.Equal("line 2499", batch[^1].Message);
        Assert.Equal(0, queue.PendingCount);
    }

    [Fact]
    public async Task Nothing_is_handed_out_before_the_history_is_complete()
    {
        var queue = new LogSubscriberQueue(1_000);
        queue.Enqueue(Lines(0, 3));
        var take = queue.TakeAsync(TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(take.IsCompleted);

        queue.MarkHistoryReady();
        var batch = await take;

        Assert.NotNull(batch);
        Assert.True(batch.IsHistory);
        Assert.Equal(3, batch.Count);
    }

    [Fact]
    public async Task A_completed_queue_ends_the_subscription()
    {
        var queue = new LogSubscriberQueue(1_000);
        queue.MarkHistoryReady();
        Assert.NotNull(await queue.TakeAsync(TestContext.Current.CancellationToken));
        queue.Complete();
        Assert.Null(await queue.TakeAsync(TestContext.Current.CancellationToken));
    }
}
