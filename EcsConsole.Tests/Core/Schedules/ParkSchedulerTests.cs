using System.Net;
using System.Text.Json.Nodes;
using EcsConsole.Core.Audit;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Schedules;
using EcsConsole.Tests.Core.Running;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Schedules;

/// <summary>The park scheduler over the real ServiceManager, clients and database, under a fake clock.</summary>
public sealed class ParkSchedulerTests : IAsyncLifetime
{
    private readonly RunningWorld _world = new(o => o.MaxAttempts = 1);
    private readonly SchedulerSignal _signal = new();
    private readonly IOptions<ParkScheduleOptions> _options = Options.Create(new ParkScheduleOptions());
    private ParkScheduleService _schedules = null!;
    private int _desired = 3;
    private bool _failing;

    public ValueTask InitializeAsync()
    {
        // Monday 2026-03-16 12:00 UTC.
        _world.Aws.Time.SetUtcNow(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));
        _schedules = new ParkScheduleService(_world.Db, _world.Commands, _signal, _world.Aws.Time);
        _world.On("DescribeServices", _ => _failing
            ? RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded")
            : Json(new JsonObject { ["services"] = new JsonArray(Service()), ["failures"] = new JsonArray() }));
        _world.On("UpdateService", r =>
        {
            _desired = (int)r.Json!["desiredCount"]!;
            return Json(new JsonObject { ["service"] = Service() });
        });
        _world.On("TagResource", _ => Json([]));
        _world.On("UntagResource", _ => Json([]));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    private JsonObject Service() => new()
    {
        ["serviceArn"] = "arn:aws:ecs:eu-west-1:123456789012:service/demo/web", ["serviceName"] = "web", ["status"] = "ACTIVE",
        ["desiredCount"] = _desired, ["runningCount"] = _desired,
    };

    private static HttpResponseMessage Json(JsonObject o) => RecordingHttpHandler.Json(o.ToJsonString());

    private ParkScheduler NewScheduler() => new(_world.Db, _world.Services, _signal, _options, _world.Aws.Time, NullLogger<ParkScheduler>.Instance);

    private Task<EcsConsole.Core.Commands.CommandResult<ParkSchedule>> SetOfficeHoursAsync(EcsConsole.Core.Access.ConsoleUser? user = null)
        => _schedules.SetAsync(user ?? RunningWorld.Operator, _world.Target, "demo", "web", ParkScheduleInput.OfficeHours(), CancellationToken.None);

    [Fact]
    public async Task TheServiceIsParkedAtNineteenAndUnparkedToItsCountAtSevenAcrossARestart()
    {
        var set = await SetOfficeHoursAsync();
        Assert.True(set.Succeeded, set.Message);
        Assert.Equal("web: Parked weekdays 19:00–07:00 (overnight) and all weekend (UTC).", set.Message);

        var next = await NewScheduler().RunDueAsync(CancellationToken.None);
        Assert.Empty(_world.Calls("UpdateService"));
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 19, 0, 0, TimeSpan.Zero), next);

        _world.Aws.Time.SetUtcNow(next!.Value);
        next = await NewScheduler().RunDueAsync(CancellationToken.None);
        Assert.Equal(0, _desired);
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 7, 0, 0, TimeSpan.Zero), next);

        // A new scheduler (after a restart) knows the service is parked and unparks it in the morning.
        _world.Aws.Time.SetUtcNow(next!.Value);
        await NewScheduler().RunDueAsync(CancellationToken.None);
        Assert.Equal(3, _desired);

        var actions = (await _world.AuditAsync()).OrderBy(a => a.Id).Select(a => (a.Action, a.UserName, a.Outcome)).ToList();
        Assert.Equal(
        [
            ("SetParkSchedule", "olga@example.com", AuditOutcome.Succeeded),
            ("ParkService", "auto (olga@example.com)", AuditOutcome.Succeeded),
            ("UnparkService", "auto (olga@example.com)", AuditOutcome.Succeeded),
        ], actions);
    }

    [Fact]
    public async Task AScheduleSetInsideItsWindowParksAtOnceAndStaysParkedAllWeekend()
    {
        _world.Aws.Time.SetUtcNow(new DateTimeOffset(2026, 3, 20, 22, 0, 0, TimeSpan.Zero)); // Friday night
        var set = await SetOfficeHoursAsync();
        Assert.EndsWith("It is within the parked hours now, so the service is parked (scaled to 0) within a minute.", set.Message);

        var next = await NewScheduler().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, _desired);
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 7, 0, 0, TimeSpan.Zero), next);
        _world.Aws.Time.SetUtcNow(new DateTimeOffset(2026, 3, 22, 12, 0, 0, TimeSpan.Zero));
        await NewScheduler().RunDueAsync(CancellationToken.None);
        Assert.Single(_world.Calls("UpdateService"));
    }

    [Fact]
    public async Task WhenAwsFailsAtParkTimeItIsRetriedAndNotLost()
    {
        await SetOfficeHoursAsync();
        _world.Aws.Time.SetUtcNow(new DateTimeOffset(2026, 3, 16, 19, 0, 0, TimeSpan.Zero));
        _failing = true;

        var scheduler = NewScheduler();
        var next = await scheduler.RunDueAsync(CancellationToken.None);

        Assert.Equal(3, _desired);
        Assert.Equal(_world.Aws.Time.GetUtcNow() + _options.Value.RetryDelay, next);
        var stored = await _schedules.GetAsync(_world.Target, "demo", "web", CancellationToken.None);
        Assert.Equal((ParkState.Running, 1), (stored!.AppliedState, stored.Attempts));
        Assert.Contains("Rate exceeded", stored.LastError);

        _failing = false;
        _world.Aws.Time.Advance(_options.Value.RetryDelay);
        await scheduler.RunDueAsync(CancellationToken.None);

        Assert.Equal(0, _desired);
        stored = await _schedules.GetAsync(_world.Target, "demo", "web", CancellationToken.None);
        Assert.Equal((ParkState.Parked, null), (stored!.AppliedState, stored.LastError));
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Succeeded],
            (await _world.AuditAsync()).Where(a => a.Action == "ParkService").OrderBy(a => a.Id).Select(a => a.Outcome));
    }

    [Fact]
    public async Task AViewerCannotSetASchedule()
    {
        var result = await SetOfficeHoursAsync(RunningWorld.Viewer);

        Assert.True(result.Refused);
        Assert.Null(await _schedules.GetAsync(_world.Target, "demo", "web", CancellationToken.None));
        Assert.Equal(AuditOutcome.Refused, Assert.Single(await _world.AuditAsync()).Outcome);
    }

    [Fact]
    public async Task AnUnknownTimeZoneIsRejectedBeforeAnythingIsStored()
    {
        var result = await _schedules.SetAsync(RunningWorld.Operator, _world.Target, "demo", "web",
            ParkScheduleInput.OfficeHours("Mars/Olympus"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("Unknown time zone", result.Message);
        Assert.Null(await _schedules.GetAsync(_world.Target, "demo", "web", CancellationToken.None));
    }

    [Fact]
    public async Task RemovingTheScheduleStopsFurtherParking()
    {
        await SetOfficeHoursAsync();
        var removed = await _schedules.RemoveAsync(RunningWorld.Operator, _world.Target, "demo", "web", CancellationToken.None);
        Assert.True(removed.Succeeded, removed.Message);

        _world.Aws.Time.SetUtcNow(new DateTimeOffset(2026, 3, 16, 20, 0, 0, TimeSpan.Zero));
        Assert.Null(await NewScheduler().RunDueAsync(CancellationToken.None));
        Assert.Equal(3, _desired);
    }
}
