using Bunit;
using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Costs;
using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Storage;
using EcsConsole.Tests.Core.Costs;
using EcsConsole.Tests.Infrastructure;
using EcsConsole.Web.Components.Pages.Costs;
using EcsConsole.Web.Components.Shared;
using EcsConsole.Web.Services.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Costs;

/// <summary>The cost meter on a cluster's Costs tab and the auto-stop countdown, rendered with bUnit over a real database.</summary>
public sealed class CostComponentTests : BunitContext
{
    private const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/demo/t1";
    private static readonly ConsoleUser Operator = new("op-1", "olga@example.com", ConsoleRole.Operator);
    private static readonly ConsoleUser Viewer = new("vi-1", "vic@example.com", ConsoleRole.Viewer);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero));
    private readonly TestDatabase _db = new();
    private readonly AutoStopService _timers;

    public CostComponentTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var pricing = Options.Create(new PricingOptions());
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<IDbContextFactory<EcsConsoleDbContext>>(_db);
        Services.AddSingleton(new CostMeter(new FargatePriceCalculator(pricing)));
        Services.AddSingleton(Options.Create(new CostOptions()));
        Services.AddSingleton<CostHistory>();
        _timers = new AutoStopService(_db, new CommandRunner(new AuditLog(_db, _time), NullLogger<CommandRunner>.Instance),
            new SchedulerSignal(), Options.Create(new AutoStopOptions()), _time);
        Services.AddSingleton(_timers);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _db.Dispose();
    }

    [Fact]
    public void TheCostsTabShowsWhatRunsNowPerServiceAndPerPersonAndSaysItIsAnEstimate()
    {
        var view = new ClusterView();
        view.Load(new ClusterSnapshot(new ClusterKey("sandbox", "us-east-1", "demo"), [],
        [
            CostMeterTests.Task("a", pullStarted: _time.GetUtcNow().AddHours(-2), startedBy: "alice"),
            CostMeterTests.Task("b", pullStarted: _time.GetUtcNow().AddHours(-1), startedBy: "ecs-svc/1", group: "service:web"),
        ], LiveStatus.Fresh(_time.GetUtcNow())));

        var tab = Render<ClusterCostsTab>(p => p.Add(c => c.View, view).Add(c => c.Conn, "sandbox").Add(c => c.Region, "us-east-1").Add(c => c.Cluster, "demo"));

        // 2 × (1 vCPU × 0.04048 + 2 GB × 0.004445) = 0.09874 per hour
        Assert.Equal("$0.0987/h*", tab.Find("[data-testid=cluster-per-hour]").TextContent.Trim());
        Assert.Contains("alice", tab.Find("[data-testid=cluster-by-person]").TextContent);
        Assert.Contains("web", tab.Find("[data-testid=cluster-by-service]").TextContent);
        Assert.Contains("estimates", tab.Find("[data-testid=estimate-note]").TextContent);
        Assert.Contains("Estimate", tab.Find("[data-testid=cluster-per-hour] .cost-value").GetAttribute("title"));
        // No history recorded yet: the chart says so instead of drawing nothing.
        Assert.NotNull(tab.Find("[data-testid=chart-empty]"));
    }

    [Fact]
    public async Task TheCostsTabDrawsTheHourlyChartFromTheRecordedHistory()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.Add(new EcsTaskRecord
            {
                Connection = "sandbox", Region = "us-east-1", Cluster = "demo", TaskArn = TaskArn, TaskId = "t1", Cpu = 1024, Memory = 2048,
                LaunchType = "FARGATE", LastStatus = "STOPPED", StartedAt = _time.GetUtcNow().AddHours(-3), StoppedAt = _time.GetUtcNow().AddHours(-1),
                LastSeenAt = _time.GetUtcNow().AddHours(-1),
            });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var tab = Render<ClusterCostsTab>(p => p.Add(c => c.View, new ClusterView()).Add(c => c.Conn, "sandbox").Add(c => c.Region, "us-east-1").Add(c => c.Cluster, "demo"));

        var chart = tab.Find("[data-testid=cost-chart]");
        Assert.Contains("$0.0987", chart.TextContent); // two hours at 0.04937
        // Both charts drew (cost per hour and tasks per hour).
        Assert.True(tab.FindAll("[data-testid=cost-chart] svg").Count >= 2);
        Assert.Contains("Tasks running in the hour", chart.TextContent);
    }

    [Fact]
    public async Task TheCountdownTicksDownAndExtendingMovesIt()
    {
        var set = await _timers.SetAsync(Operator, new AwsTarget("sandbox", "us-east-1"), "demo", TaskArn, _time.GetUtcNow().AddHours(1), null, CancellationToken.None);
        AutoStopTimer? changed = null;
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var countdown = Render<AutoStopCountdown>(p => p.Add(c => c.Timer, set.Value).Add(c => c.Conn, "sandbox").Add(c => c.Region, "us-east-1")
            .Add(c => c.User, Operator).Add(c => c.ShowActions, true).Add(c => c.Changed, t => changed = t));

        Assert.Equal("stops in 1 h 0 min", countdown.Find("[data-testid=auto-stop-remaining]").TextContent);
        _time.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(30));
        countdown.WaitForAssertion(() => Assert.Equal("stops in 30 s", countdown.Find("[data-testid=auto-stop-remaining]").TextContent));

        countdown.Find("[data-testid=auto-stop-extend] button").Click();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-menu-item")));
        popovers.FindAll(".mud-menu-item").First(i => i.TextContent.Contains("+ 1 h", StringComparison.Ordinal)).Click();
        countdown.WaitForAssertion(() => Assert.NotNull(changed));
        Assert.Equal(set.Value!.ExpiresAt.AddHours(1), changed!.ExpiresAt);
    }

    [Fact]
    public async Task AViewerSeesTheCountdownButCannotExtendOrClearIt()
    {
        var set = await _timers.SetAsync(Operator, new AwsTarget("sandbox", "us-east-1"), "demo", TaskArn, _time.GetUtcNow().AddMinutes(10), null, CancellationToken.None);

        var countdown = Render<AutoStopCountdown>(p => p.Add(c => c.Timer, set.Value).Add(c => c.Conn, "sandbox").Add(c => c.Region, "us-east-1")
            .Add(c => c.User, Viewer).Add(c => c.ShowActions, true));

        Assert.Equal("stops in 10 min", countdown.Find("[data-testid=auto-stop-remaining]").TextContent);
        Assert.True(countdown.Find("[data-testid=auto-stop-clear]").HasAttribute("disabled"));
        Assert.Contains("Viewer", countdown.Find("[data-testid=auto-stop-clear]").GetAttribute("title"));
    }

    [Fact]
    public void AnExpiredTimerThatAwsKeepsRefusingSaysItIsRetrying()
    {
        var timer = new AutoStopTimer { Id = 1, TaskArn = TaskArn, ExpiresAt = _time.GetUtcNow().AddMinutes(-2), Status = AutoStopStatus.Pending, Attempts = 3, LastError = "Rate exceeded", SetBy = "olga" };

        var countdown = Render<AutoStopCountdown>(p => p.Add(c => c.Timer, timer));

        Assert.Equal("stop retrying (3 attempts): Rate exceeded", countdown.Find("[data-testid=auto-stop-remaining]").TextContent);
    }
}
