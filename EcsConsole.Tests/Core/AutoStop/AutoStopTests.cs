using System.Net;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Audit;
using EcsConsole.Tests.Core.Running;
using static EcsConsole.Tests.Core.AutoStop.AutoStopWorld;

namespace EcsConsole.Tests.Core.AutoStop;

public sealed class AutoStopTests : IAsyncLifetime
{
    private readonly AutoStopWorld _w = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _w.DisposeAsync();

    private Task<EcsConsole.Core.Commands.CommandResult<AutoStopTimer>> SetAsync(TimeSpan ttl, string arn = TaskArn)
        => _w.Timers.SetAsync(RunningWorld.Operator, _w.World.Target, Cluster, arn, _w.Time.GetUtcNow() + ttl, null, CancellationToken.None);

    private async Task<AutoStopTimer> TimerAsync() => (await _w.Timers.ForTaskAsync(_w.World.Target.Connection, _w.World.Target.Region, TaskArn, CancellationToken.None))!;

    [Fact]
    public async Task SettingATimerIsAuditedAndNothingHappensBeforeItExpires()
    {
        var set = await SetAsync(TimeSpan.FromHours(2));
        Assert.True(set.Succeeded, set.Message);
        Assert.Contains("will be stopped at", set.Message);

        _w.Time.Advance(TimeSpan.FromMinutes(119));
        var next = await _w.NewScheduler().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, _w.StopCalls);
        Assert.Empty(_w.World.Calls("DescribeTasks"));
        Assert.Equal(_w.Time.GetUtcNow() + TimeSpan.FromMinutes(1), next);
        var audit = Assert.Single(await _w.World.AuditAsync());
        Assert.Equal(("SetAutoStop", "olga@example.com", AuditOutcome.Succeeded), (audit.Action, audit.UserName, audit.Outcome));
    }

    [Fact]
    public async Task AtExpiryTheTaskIsStoppedAsTheSystemForThePersonWithTheAutoStopReason()
    {
        await SetAsync(TimeSpan.FromMinutes(1));
        _w.Time.Advance(TimeSpan.FromMinutes(1));

        await _w.NewScheduler().RunDueAsync(CancellationToken.None);

        var stop = Assert.Single(_w.World.Calls("StopTask"));
        Assert.Equal(TaskArn, (string?)stop.Json!["task"]);
        Assert.Equal(Cluster, (string?)stop.Json!["cluster"]);
        Assert.EndsWith("auto-stop set by olga@example.com", (string?)stop.Json!["reason"]);
        var timer = await TimerAsync();
        Assert.Equal(AutoStopStatus.Stopped, timer.Status);
        var audit = (await _w.World.AuditAsync()).Single(a => a.Action == "StopTask");
        Assert.Equal(("system", "auto (olga@example.com)", AuditOutcome.Succeeded), (audit.UserId, audit.UserName, audit.Outcome));
    }

    [Fact]
    public async Task ATimerSurvivesARestartAndTheNewSchedulerStopsTheTask()
    {
        await SetAsync(TimeSpan.FromMinutes(30));
        var before = _w.NewScheduler();
        Assert.NotNull(await before.RunDueAsync(CancellationToken.None));
        before.Dispose();

        _w.Time.Advance(TimeSpan.FromHours(1));
        await _w.NewScheduler().RunDueAsync(CancellationToken.None);

        Assert.Equal(1, _w.StopCalls);
        Assert.Equal(AutoStopStatus.Stopped, (await TimerAsync()).Status);
    }

    [Fact]
    public async Task WhenAwsThrottlesAtExpiryTheTimerStaysPendingAndIsRetriedUntilItWorks()
    {
        await SetAsync(TimeSpan.FromMinutes(1));
        _w.Time.Advance(TimeSpan.FromMinutes(1));
        _w.Failure = (HttpStatusCode.BadRequest, "ThrottlingException");

        var scheduler = _w.NewScheduler();
        var next = await scheduler.RunDueAsync(CancellationToken.None);
        var timer = await TimerAsync();
        Assert.Equal((AutoStopStatus.Pending, 1), (timer.Status, timer.Attempts));
        Assert.Contains("Rate exceeded", timer.LastError);
        Assert.Equal(_w.Time.GetUtcNow() + _w.Options.Value.RetryDelay, next);

        // StopTask itself fails on the next try (AWS unavailable): still pending, waiting longer.
        _w.Failure = null;
        _w.StopFailure = (HttpStatusCode.ServiceUnavailable, "ServerException");
        _w.Time.Advance(_w.Options.Value.RetryDelay);
        next = await scheduler.RunDueAsync(CancellationToken.None);
        timer = await TimerAsync();
        Assert.Equal((AutoStopStatus.Pending, 2), (timer.Status, timer.Attempts));
        Assert.Equal(_w.Time.GetUtcNow() + (2 * _w.Options.Value.RetryDelay), next);

        // Restarted in between: the retry state is in the database.
        _w.StopFailure = null;
        _w.Time.Advance(2 * _w.Options.Value.RetryDelay);
        await _w.NewScheduler().RunDueAsync(CancellationToken.None);

        Assert.Equal(AutoStopStatus.Stopped, (await TimerAsync()).Status);
        Assert.Equal(2, _w.StopCalls);
        var stops = (await _w.World.AuditAsync()).Where(a => a.Action == "StopTask").OrderBy(a => a.Id).Select(a => a.Outcome).ToList();
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Succeeded], stops);
    }

    [Fact]
    public async Task ATaskThatAlreadyStoppedIsNotStoppedAgain()
    {
        await SetAsync(TimeSpan.FromMinutes(5));
        _w.Status = "STOPPED";
        _w.Time.Advance(TimeSpan.FromMinutes(5));

        await _w.NewScheduler().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, _w.StopCalls);
        var timer = await TimerAsync();
        Assert.Equal(AutoStopStatus.Stopped, timer.Status);
        Assert.Contains("already stopped", timer.Outcome);
    }

    [Fact]
    public async Task ATaskAwsNoLongerKnowsIsDoneWithoutAStop()
    {
        await SetAsync(TimeSpan.FromMinutes(5));
        _w.Exists = false;
        _w.Time.Advance(TimeSpan.FromMinutes(5));

        await _w.NewScheduler().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, _w.StopCalls);
        Assert.Equal(AutoStopStatus.Stopped, (await TimerAsync()).Status);
    }

    [Fact]
    public async Task AnAnswerAboutADifferentTaskNeverLeadsToAStop()
    {
        await SetAsync(TimeSpan.FromMinutes(5));
        // Same task id, other cluster: only the full ARN counts.
        _w.AnsweredArn = "arn:aws:ecs:eu-west-1:123456789012:task/other/0123456789abcdef0123456789abcdef";
        _w.Time.Advance(TimeSpan.FromMinutes(5));

        await _w.NewScheduler().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, _w.StopCalls);
        var timer = await TimerAsync();
        Assert.Equal(AutoStopStatus.Failed, timer.Status);
        Assert.Contains("different task", timer.LastError);
    }

    [Fact]
    public async Task ExtendingMovesTheExpiryAndClearingKeepsTheTaskRunning()
    {
        var set = await SetAsync(TimeSpan.FromMinutes(10));
        var extended = await _w.Timers.ExtendAsync(RunningWorld.Operator, _w.World.Target, set.Value!.Id, TimeSpan.FromHours(1), CancellationToken.None);
        Assert.Equal(set.Value.ExpiresAt + TimeSpan.FromHours(1), extended.Value!.ExpiresAt);

        _w.Time.Advance(TimeSpan.FromMinutes(30));
        await _w.NewScheduler().RunDueAsync(CancellationToken.None);
        Assert.Equal(0, _w.StopCalls);

        var cleared = await _w.Timers.ClearAsync(RunningWorld.Operator, _w.World.Target, set.Value.Id, CancellationToken.None);
        Assert.True(cleared.Succeeded, cleared.Message);
        _w.Time.Advance(TimeSpan.FromHours(2));
        Assert.Null(await _w.NewScheduler().RunDueAsync(CancellationToken.None));
        Assert.Equal(0, _w.StopCalls);
        Assert.Equal(AutoStopStatus.Cleared, (await TimerAsync()).Status);
        Assert.Equal(["SetAutoStop", "ExtendAutoStop", "ClearAutoStop"], (await _w.World.AuditAsync()).OrderBy(a => a.Id).Select(a => a.Action));
    }

    [Fact]
    public async Task AViewerIsRefusedAndTheRefusalIsAudited()
    {
        var result = await _w.Timers.SetAsync(RunningWorld.Viewer, _w.World.Target, Cluster, TaskArn, _w.Time.GetUtcNow().AddHours(1), null, CancellationToken.None);

        Assert.True(result.Refused);
        Assert.Null(await _w.Timers.ForTaskAsync(_w.World.Target.Connection, _w.World.Target.Region, TaskArn, CancellationToken.None));
        Assert.Equal(AuditOutcome.Refused, Assert.Single(await _w.World.AuditAsync()).Outcome);
    }

    [Theory]
    [InlineData(-5, TaskArn, "Choose a time in the future.")]
    [InlineData(60 * 24 * 8, TaskArn, "at most 7 days away")]
    [InlineData(60, "0123456789abcdef", "full ARN")]
    public async Task BadInputIsRejectedWithASentenceAndNothingIsStored(int minutes, string arn, string expected)
    {
        Assert.Contains(expected, _w.Timers.Validate(Cluster, arn, _w.Time.GetUtcNow().AddMinutes(minutes)));

        var result = await SetAsync(TimeSpan.FromMinutes(minutes), arn);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Message);
        Assert.Equal(AuditOutcome.Rejected, Assert.Single(await _w.World.AuditAsync()).Outcome);
        Assert.Empty(await _w.Timers.PendingAsync(_w.World.Target.Connection, _w.World.Target.Region, null, CancellationToken.None));
    }

    [Fact]
    public async Task TheHostedSchedulerWakesAtTheExpiryByItself()
    {
        using var scheduler = _w.NewScheduler();
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            // Idle: it sleeps one poll interval.
            await _w.Time.WaitForTimerAsync(d => d == _w.Options.Value.PollInterval);
            await SetAsync(TimeSpan.FromSeconds(5));
            // The new timer wakes it; it now sleeps until the expiry (a failed pass would sleep a poll interval instead).
            var sleep = await _w.Time.WaitForTimerAsync(_ => true);
            Assert.True(sleep == TimeSpan.FromSeconds(5), $"The scheduler went to sleep for {sleep}. It logged: {string.Join(Environment.NewLine, _w.SchedulerLog.Entries)}");
            _w.Time.Advance(TimeSpan.FromSeconds(5));
            await _w.World.Aws.Http.WaitForRequestsAsync(2);
            for (var i = 0; i < 200 && (await TimerAsync()).Status == AutoStopStatus.Pending; i++) await Task.Delay(25, TestContext.Current.CancellationToken);

            Assert.Equal(1, _w.StopCalls);
            Assert.Equal(AutoStopStatus.Stopped, (await TimerAsync()).Status);
            Assert.Empty(_w.SchedulerLog.Entries);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }
}
