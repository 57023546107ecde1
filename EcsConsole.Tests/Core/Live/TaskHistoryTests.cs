using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Live;

/// <summary>Every task seen is kept after AWS forgets it, updated in place, and dropped after the retention.</summary>
public sealed class TaskHistoryTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly ObservableTimeProvider _time = new();
    private readonly TaskHistory _history;
    private readonly ClusterKey _key = new("sandbox", "us-east-1", "demo");

    public TaskHistoryTests() => _history = new TaskHistory(_db, _time, Options.Create(new HistoryOptions { Retention = TimeSpan.FromDays(30) }));

    private static EcsTaskDetail Task(string id, EcsTaskStatus status, string? ip = null, int? exit = null)
        => LiveRecords.Task(id, status, ip: ip, exit: exit, region: "us-east-1",
            stopCode: status == EcsTaskStatus.Stopped ? EcsStopCode.EssentialContainerExited : EcsStopCode.None,
            reason: status == EcsTaskStatus.Stopped ? "Essential container in task exited" : null);

    [Fact]
    public async Task ATaskIsUpdatedInPlaceAndKeepsItsLastPublicIp()
    {
        await _history.UpsertAsync(_key, [Task("t1", EcsTaskStatus.Running, ip: "203.0.113.5")], TestContext.Current.CancellationToken);
        await _history.UpsertAsync(_key, [Task("t1", EcsTaskStatus.Stopped, ip: null, exit: 137)], TestContext.Current.CancellationToken);

        var row = Assert.Single(await _history.QueryAsync(new TaskHistoryQuery("sandbox", "us-east-1", "demo"), TestContext.Current.CancellationToken));
        Assert.Equal(("t1", "STOPPED", "EssentialContainerExited", "203.0.113.5", "web:4", "web"),
            (row.TaskId, row.LastStatus, row.StopCode, row.PublicIp, row.TaskDefinition, row.ServiceName));
        Assert.Equal("app: exit 137 (OutOfMemoryError: Container killed due to memory usage)", row.ContainerExits);
        Assert.Equal(DateTimeOffset.Parse("2026-03-14T09:30:00Z"), row.StoppedAt);
    }

    [Fact]
    public async Task TheHistoryTabListsOnlyStoppedTasksOfItsClusterAndSearches()
    {
        await _history.UpsertAsync(_key, [Task("run", EcsTaskStatus.Running), Task("done", EcsTaskStatus.Stopped)], TestContext.Current.CancellationToken);
        await _history.UpsertAsync(_key with { Cluster = "other" }, [Task("elsewhere", EcsTaskStatus.Stopped)], TestContext.Current.CancellationToken);

        var rows = await _history.QueryAsync(new TaskHistoryQuery("sandbox", "us-east-1", "demo"), TestContext.Current.CancellationToken);
        var searched = await _history.QueryAsync(new TaskHistoryQuery("sandbox", "us-east-1", "demo", Search: "nothing-like-it"), TestContext.Current.CancellationToken);

        Assert.Equal(["done"], rows.Select(r => r.TaskId));
        Assert.Empty(searched);
    }

    [Fact]
    public async Task RowsOlderThanTheRetentionAreDeleted()
    {
        await _history.UpsertAsync(_key, [Task("old", EcsTaskStatus.Stopped)], TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(20));
        await _history.UpsertAsync(_key, [Task("recent", EcsTaskStatus.Stopped)], TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(11));

        var deleted = await _history.CleanupAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, deleted);
        Assert.Equal(["recent"], (await _history.QueryAsync(new TaskHistoryQuery("sandbox", "us-east-1", "demo"), TestContext.Current.CancellationToken)).Select(r => r.TaskId));
    }

    public void Dispose() => _db.Dispose();
}
