using System.Net;
using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Live;

/// <summary>The shared cluster watcher against a fake ECS/EC2 account, under a fake clock.</summary>
public sealed class ClusterWatcherTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly AwsTestHarness _aws = new(o => o.MaxAttempts = 1);
    private readonly FakeEcsAccount _account;
    private readonly TestDatabase _db = new();
    private readonly TaskHistory _history;
    private readonly LiveClusters _live;
    private readonly LiveOptions _options = new() { RefreshInterval = Interval, GracePeriod = TimeSpan.FromSeconds(10), SubscriberBuffer = 4 };

    public ClusterWatcherTests()
    {
        _account = new FakeEcsAccount(_aws);
        _history = new TaskHistory(_db, _aws.Time, Options.Create(new HistoryOptions()));
        _live = new LiveClusters(_aws.Factory, _history, Options.Create(_options), _aws.Time, NullLoggerFactory.Instance);
    }

    private ClusterWatcher Watcher => _live.FindCluster("test", AwsTestHarness.Region, FakeEcsAccount.Cluster)!;

    private LiveSubscription<ClusterSnapshot, ClusterChange> Watch() => _live.WatchCluster("test", AwsTestHarness.Region, FakeEcsAccount.Cluster);

    /// <summary>Lets the watcher's wait run out, and waits for the refresh after it.</summary>
    private async Task NextRefreshAsync()
    {
        var done = Watcher.Refreshes;
        await _aws.Time.WaitForTimerAsync(d => d >= Interval);
        _aws.Time.Advance(Watcher.Status.IsStale ? _options.MaxBackoff : Interval);
        await Watcher.WhenRefreshedAsync(done + 1).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    private static async Task<IReadOnlyList<ClusterChange>> NextBatchAsync(IAsyncEnumerator<IReadOnlyList<ClusterChange>> changes)
    {
        Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        return changes.Current;
    }

    [Fact]
    public async Task A250TaskClusterIsDescribedIn3BatchesWithOneEc2Call()
    {
        for (var i = 0; i < 250; i++) _account.AddTask($"t{i:D3}", publicIp: $"203.0.113.{i % 250}");
        _account.AddService("web");

        await using var subscription = Watch();
        await Watcher.WhenRefreshedAsync(1).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(3, _account.Calls("DescribeTasks"));
        Assert.Equal(4, _account.Calls("ListTasks")); // RUNNING: 3 pages of 100; STOPPED: one empty page
        Assert.Equal(1, _account.Calls("DescribeServices"));
        Assert.Equal(2, _account.Calls("DescribeNetworkInterfaces")); // 250 ENIs: EC2 takes 200 per filter
        var batch = await NextBatchAsync(subscription.Changes.GetAsyncEnumerator(TestContext.Current.CancellationToken));
        Assert.Equal(250, batch.OfType<ClusterChange.TaskUpdated>().Count());
        Assert.Contains(batch.OfType<ClusterChange.TaskUpdated>(), c => c.Task.Id == "t007" && c.Task.PublicIp == "203.0.113.7");
        Assert.Equal([8000], batch.OfType<ClusterChange.TaskUpdated>().First().Task.PortMappings.Select(p => p.ContainerPort));
    }

    [Fact]
    public async Task KnownEnisAreNotAskedAgainAndNewOnesTakeOneEc2Call()
    {
        for (var i = 0; i < 5; i++) _account.AddTask($"t{i}");
        await using var subscription = Watch();
        await Watcher.WhenRefreshedAsync(1).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, _account.Calls("DescribeNetworkInterfaces"));

        await NextRefreshAsync();
        Assert.Equal(1, _account.Calls("DescribeNetworkInterfaces"));

        _account.AddTask("new1", publicIp: "198.51.100.1");
        _account.AddTask("new2", publicIp: "198.51.100.2");
        await NextRefreshAsync();
        Assert.Equal(2, _account.Calls("DescribeNetworkInterfaces"));
        var ec2 = _aws.Http.Requests.Last(r => r.Operation == "DescribeNetworkInterfaces");
        Assert.Equal(["eni-new1", "eni-new2"], ec2.FormValues("Filter.1.Value.").Order());
    }

    [Fact]
    public async Task TwoSubscribersShareOneWatcherAndCallsDoNotDouble()
    {
        _account.AddTask("a");
        await using var first = Watch();
        await using var second = Watch();
        await Watcher.WhenRefreshedAsync(1).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await NextRefreshAsync();

        Assert.Equal(1, _live.ClusterWatchers);
        Assert.Equal(2, Watcher.SubscriberCount);
        Assert.Equal(2, _account.Calls("DescribeTasks")); // two refreshes, not four
    }

    [Fact]
    public async Task TheWatcherStopsAGracePeriodAfterTheLastSubscriberLeaves()
    {
        _account.AddTask("a");
        var subscription = Watch();
        await Watcher.WhenRefreshedAsync(1).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var watcher = Watcher;

        await subscription.DisposeAsync();
        Assert.Equal(1, _live.ClusterWatchers); // still within the grace period (a reload comes back)
        await _aws.Time.WaitForTimerAsync(d => d == _options.GracePeriod);
        _aws.Time.Advance(_options.GracePeriod);

        await WaitUntilAsync(() => _live.ClusterWatchers == 0);
        await WaitUntilAsync(() => !watcher.IsRunning);
        var calls = _aws.Http.Requests.Count;
        _aws.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(calls, _aws.Http.Requests.Count);
    }

    [Fact]
    public async Task AFailingRefreshKeepsTheDataSaysWhyAndRecovers()
    {
        _account.AddTask("a");
        await using var subscription = Watch();
        var changes = subscription.Changes.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await NextBatchAsync(changes);

        _account.Failure = (HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded");
        await NextRefreshAsync();
        var stale = Assert.IsType<ClusterChange.StatusChanged>(Assert.Single(await NextBatchAsync(changes)));
        Assert.True(stale.Status.IsStale);
        Assert.Contains("throttling", stale.Status.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Rate exceeded", stale.Status.Problem);

        // A late subscriber still gets the last good data, marked stale.
        await using var late = Watch();
        Assert.Single(late.Snapshot.Tasks);
        Assert.True(late.Snapshot.Status.IsStale);

        // Backing off: the next wait is longer than the normal interval.
        await _aws.Time.WaitForTimerAsync(d => d > Interval);
        _account.Failure = null;
        _account.SetStatus("a", "STOPPED", "STOPPED");
        _aws.Time.Advance(_options.MaxBackoff);
        var recovered = await NextBatchAsync(changes);
        Assert.Contains(recovered, c => c is ClusterChange.StatusChanged { Status.IsStale: false });
        Assert.Contains(recovered, c => c is ClusterChange.TaskUpdated { Task.Summary.LastStatus: EcsTaskStatus.Stopped });
    }

    [Fact]
    public async Task ASlowSubscriberGetsOneResyncInsteadOfUnboundedBatches()
    {
        _account.AddTask("a");
        await using var slow = Watch();
        await Watcher.WhenRefreshedAsync(1).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Every refresh changes something; the slow subscriber reads nothing meanwhile.
        for (var i = 0; i < 10; i++)
        {
            _account.AddTask($"n{i}");
            await NextRefreshAsync();
        }

        var changes = slow.Changes.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var received = new List<IReadOnlyList<ClusterChange>>();
        for (var i = 0; i < _options.SubscriberBuffer; i++) received.Add(await NextBatchAsync(changes));
        Assert.DoesNotContain(received, b => b.Any(c => c is ClusterChange.Resynced)); // the buffer held 4 batches

        // Once read, the next refresh hands over the whole state in one resync.
        _account.AddTask("last");
        await NextRefreshAsync();
        var resync = Assert.IsType<ClusterChange.Resynced>(Assert.Single(await NextBatchAsync(changes)));
        Assert.Equal(12, resync.Snapshot.Tasks.Count);
    }

    [Fact]
    public async Task StoppedTasksAreRecordedInHistoryWithTheirLastPublicIp()
    {
        _account.AddTask("gone", publicIp: "203.0.113.77");
        await using var subscription = Watch();
        await Watcher.WhenRefreshedAsync(1).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        _account.SetStatus("gone", "STOPPED", "STOPPED");
        _account.Tasks[FakeEcsAccount.TaskArn("gone")]["stopCode"] = "EssentialContainerExited";
        await NextRefreshAsync();

        var row = Assert.Single(await _history.QueryAsync(new TaskHistoryQuery("test", AwsTestHarness.Region, FakeEcsAccount.Cluster), TestContext.Current.CancellationToken));
        Assert.Equal("gone", row.TaskId);
        Assert.Equal("STOPPED", row.LastStatus);
        Assert.Equal("EssentialContainerExited", row.StopCode);
        Assert.Equal("203.0.113.77", row.PublicIp); // the ENI is gone by now; the IP seen while running stays

        // A STOPPED task is final: it is not described again on later refreshes.
        var described = _account.Calls("DescribeTasks");
        await NextRefreshAsync();
        Assert.Equal(described, _account.Calls("DescribeTasks"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.True(condition());
    }

    public async ValueTask DisposeAsync()
    {
        await _live.DisposeAsync();
        _aws.Dispose();
        _db.Dispose();
    }
}
