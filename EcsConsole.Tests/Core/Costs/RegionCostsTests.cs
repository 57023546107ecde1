using System.Text.Json.Nodes;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Costs;
using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Networking;
using EcsConsole.Tests.Core.Running;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Costs;

/// <summary>The app bar's region figures: one shared refresh for every caller, recorded in history, and the forgotten tasks picked from them.</summary>
public sealed class RegionCostsTests : IAsyncLifetime
{
    private const string Prefix = "arn:aws:ecs:eu-west-1:123456789012";
    private readonly RunningWorld _world = new(o => o.MaxAttempts = 1);
    private readonly Dictionary<string, (string Status, DateTimeOffset Pull, string Group, string? StoppedAt)> _tasks = [];
    private LiveClusters _live = null!;
    private bool _servicesFail;
    private RegionCosts _costs = null!;
    private ForgottenTasks _forgotten = null!;
    private AutoStopService _timers = null!;

    public ValueTask InitializeAsync()
    {
        var options = new PricingOptions();
        options.Regions[AwsTestHarness.Region] = new FargateRegionPrices();
        var prices = new FargatePriceCalculator(Options.Create(options));
        var meter = new CostMeter(prices);
        var costOptions = Options.Create(new CostOptions());
        var history = new TaskHistory(_world.Db, _world.Aws.Time, Options.Create(new HistoryOptions()));
        _live = new LiveClusters(_world.Aws.Factory, history, Options.Create(new LiveOptions()), _world.Aws.Time, NullLoggerFactory.Instance);
        _costs = new RegionCosts(_world.Aws.Factory, history, new CostHistory(_world.Db, meter, costOptions, _world.Aws.Time), meter, prices,
            new PublicIpResolver(_world.Aws.Factory), _live, costOptions, _world.Aws.Time, NullLogger<RegionCosts>.Instance);
        _timers = new AutoStopService(_world.Db, _world.Commands, new SchedulerSignal(), Options.Create(new AutoStopOptions()), _world.Aws.Time);
        _forgotten = new ForgottenTasks(_costs, _timers, costOptions, _world.Aws.Time);

        _world.OnJson("ListClusters", $$"""{"clusterArns":["{{Prefix}}:cluster/demo"]}""");
        _world.On("ListTasks", r => RecordingHttpHandler.Json(new JsonObject
        {
            ["taskArns"] = new JsonArray([.. _tasks.Where(t => (t.Value.Status == "STOPPED") == ((string?)r.Json!["desiredStatus"] == "STOPPED"))
                .Select(t => (JsonNode)JsonValue.Create($"{Prefix}:task/demo/{t.Key}"))]),
        }.ToJsonString()));
        // What a cluster page's watcher asks besides the tasks.
        _world.On("ListServices", _ => _servicesFail
            ? RecordingHttpHandler.AwsError(System.Net.HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded")
            : RecordingHttpHandler.Json("""{"serviceArns":[]}"""));
        _world.OnJson("DescribeTaskDefinition", $$$"""{"taskDefinition":{"taskDefinitionArn":"{{{Prefix}}}:task-definition/web:3","family":"web","revision":3,"containerDefinitions":[]}}""");
        _world.On("DescribeTasks", r => RecordingHttpHandler.Json(new JsonObject
        {
            ["tasks"] = new JsonArray([.. r.Json!["tasks"]!.AsArray().Select(a => (string)a!).Select(a => (JsonNode)Task(a[(a.LastIndexOf('/') + 1)..]))]),
        }.ToJsonString()));
        _world.OnXml("DescribeNetworkInterfaces", RunningWorld.Ec2("DescribeNetworkInterfacesResponse", "<networkInterfaceSet/>"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _live.DisposeAsync();
        await _world.DisposeAsync();
    }

    private JsonObject Task(string id)
    {
        var t = _tasks[id];
        return new JsonObject
        {
            ["taskArn"] = $"{Prefix}:task/demo/{id}", ["clusterArn"] = $"{Prefix}:cluster/demo", ["taskDefinitionArn"] = $"{Prefix}:task-definition/web:3",
            ["lastStatus"] = t.Status, ["desiredStatus"] = t.Status == "STOPPED" ? "STOPPED" : "RUNNING", ["launchType"] = "FARGATE",
            ["cpu"] = "1024", ["memory"] = "2048", ["group"] = t.Group, ["startedBy"] = "alice",
            ["pullStartedAt"] = t.Pull.ToUnixTimeSeconds(), ["startedAt"] = t.Pull.ToUnixTimeSeconds(),
            ["stoppedAt"] = t.StoppedAt is null ? null : (JsonNode)DateTimeOffset.Parse(t.StoppedAt, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
        };
    }

    private DateTimeOffset Now => _world.Aws.Time.GetUtcNow();

    [Fact]
    public async Task ConcurrentCallersShareOneRefreshAndItIsCachedForTheInterval()
    {
        _tasks["a"] = ("RUNNING", Now.AddHours(-1), "family:web", null);

        var all = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _costs.GetAsync(_world.Target.Connection, _world.Target.Region, CancellationToken.None)));
        await _costs.GetAsync(_world.Target.Connection, _world.Target.Region, CancellationToken.None);

        Assert.Single(_world.Calls("ListClusters"));
        Assert.All(all, s => Assert.Same(all[0], s));
        Assert.Equal(0.04937m, all[0].PerHour);
        Assert.Equal(1, all[0].RunningTasks);

        _world.Aws.Time.Advance(TimeSpan.FromSeconds(61));
        await _costs.GetAsync(_world.Target.Connection, _world.Target.Region, CancellationToken.None);
        Assert.Equal(2, _world.Calls("ListClusters").Count);
    }

    [Fact]
    public async Task ATaskThatStoppedBetweenRefreshesIsDescribedOnceMoreAndCountsInTodayUntilItsStop()
    {
        // 09:26 UTC: started at 08:26, stops at 09:56.
        _tasks["a"] = ("RUNNING", Now.AddHours(-1), "family:web", null);
        await _costs.GetAsync(_world.Target.Connection, _world.Target.Region, CancellationToken.None);

        _world.Aws.Time.Advance(TimeSpan.FromHours(1));
        _tasks["a"] = ("STOPPED", Now.AddHours(-2), "family:web", Now.AddMinutes(-30).ToString("O"));
        var later = await _costs.GetAsync(_world.Target.Connection, _world.Target.Region, CancellationToken.None);

        Assert.Equal(0, later.RunningTasks);
        Assert.Equal(0m, later.PerHour);
        Assert.Equal(0.04937m * 1.5m, later.Today);
        Assert.Equal(0.04937m * 1.5m, later.ForCluster("demo")!.Today);
    }

    [Fact]
    public async Task ForgottenTasksAreLongRunningStandaloneTasksWithoutATimer()
    {
        _tasks["old"] = ("RUNNING", Now.AddHours(-9), "family:web", null);
        _tasks["young"] = ("RUNNING", Now.AddHours(-1), "family:web", null);
        _tasks["service"] = ("RUNNING", Now.AddHours(-30), "service:api", null);
        _tasks["timed"] = ("RUNNING", Now.AddHours(-20), "family:web", null);
        await _timers.SetAsync(RunningWorld.Operator, _world.Target, "demo", $"{Prefix}:task/demo/timed", Now.AddHours(1), null, CancellationToken.None);

        var forgotten = await _forgotten.FindAsync(_world.Target.Connection, _world.Target.Region, CancellationToken.None);

        var task = Assert.Single(forgotten);
        Assert.Equal("old", task.Task.Task.Id);
        Assert.Equal(TimeSpan.FromHours(9), task.RunningFor);
        Assert.Equal(0.04937m * 9, task.Task.Cost.SoFar);
    }

    [Fact]
    public async Task AClusterThatAnOpenPageWatchesIsReadFromItsWatcherWithoutAskingAwsAgain()
    {
        _tasks["a"] = ("RUNNING", Now.AddHours(-1), "family:web", null);
        var (conn, region) = (_world.Target.Connection, _world.Target.Region);
        await using var page = _live.WatchCluster(conn, region, "demo");
        await _live.FindCluster(conn, region, "demo")!.WhenRefreshedAsync(1);
        int[] Asked() => [_world.Calls("ListTasks").Count, _world.Calls("DescribeTasks").Count, _world.Calls("DescribeNetworkInterfaces").Count];
        var before = Asked();

        var snapshot = await _costs.GetAsync(conn, region, CancellationToken.None);

        Assert.Equal(before, Asked());
        Assert.Single(_world.Calls("ListClusters"));
        Assert.Null(snapshot.Error);
        Assert.Equal(1, snapshot.RunningTasks);
        Assert.Equal(0.04937m, snapshot.PerHour);
        Assert.Equal(0.04937m, snapshot.ForCluster("demo")!.PerHour);

        // Once the watcher's last refresh failed (its data is stale), the region refresh asks AWS itself.
        _servicesFail = true;
        _live.RefreshSoon(conn, region, "demo");
        await _live.FindCluster(conn, region, "demo")!.WhenRefreshedAsync(2);
        _costs.Invalidate(conn, region);
        var stale = await _costs.GetAsync(conn, region, CancellationToken.None);

        Assert.True(_world.Calls("DescribeTasks").Count > before[1]);
        Assert.Equal(1, stale.RunningTasks);
    }
}
