using Bunit;
using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Schedules;
using EcsConsole.Tests.Infrastructure;
using EcsConsole.Web.Components.Pages.Costs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Costs;

/// <summary>Saving a park schedule inside its parked hours stops tasks at once: the panel asks first.</summary>
public sealed class ParkSchedulePanelTests : BunitContext
{
    private static readonly ConsoleUser Operator = new("op-1", "olga@example.com", ConsoleRole.Operator);
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ParkScheduleService _schedules;

    public ParkSchedulePanelTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton<TimeProvider>(_time);
        _schedules = new ParkScheduleService(_db, new CommandRunner(new AuditLog(_db, _time), NullLogger<CommandRunner>.Instance), new SchedulerSignal(), _time);
        Services.AddSingleton(_schedules);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _db.Dispose();
    }

    private (IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Providers, IRenderedComponent<ParkSchedulePanel> Panel) Open()
    {
        var providers = this.RenderMudProviders();
        var panel = Render<ParkSchedulePanel>(p => p.Add(c => c.Conn, "sandbox").Add(c => c.Region, "us-east-1")
            .Add(c => c.Cluster, "demo").Add(c => c.Service, "web").Add(c => c.User, Operator));
        panel.Find("[data-testid=schedule-edit]").Click();
        return (providers, panel);
    }

    private Task<ParkSchedule?> StoredAsync() => _schedules.GetAsync(new AwsTarget("sandbox", "us-east-1"), "demo", "web", CancellationToken.None);

    [Fact]
    public async Task Saving_inside_the_parked_hours_asks_first_and_cancel_stores_nothing()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 20, 22, 0, 0, TimeSpan.Zero)); // a Friday night, UTC
        var (providers, panel) = Open();

        panel.Find("[data-testid=schedule-save]").Click();
        providers.WaitForAssertion(() => Assert.Contains("Saving it parks web now", providers.Find(".mud-dialog").TextContent));
        Assert.Contains("Fri 22:00 in UTC", providers.Find(".mud-dialog").TextContent);
        Assert.Contains("until Mon 07:00", providers.Find(".mud-dialog").TextContent);
        providers.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Cancel", StringComparison.Ordinal)).Click();

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog")));
        Assert.Null(await StoredAsync());

        panel.Find("[data-testid=schedule-save]").Click();
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll(".mud-dialog")));
        providers.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Save and park now", StringComparison.Ordinal)).Click();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=schedule-summary]")));
        Assert.NotNull(await StoredAsync());
    }

    [Fact]
    public async Task Saving_outside_the_parked_hours_saves_without_asking()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 12, 0, 0, TimeSpan.Zero)); // a Wednesday noon
        var (providers, panel) = Open();

        panel.Find("[data-testid=schedule-save]").Click();

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=schedule-summary]")));
        Assert.Empty(providers.FindAll(".mud-dialog"));
        Assert.NotNull(await StoredAsync());
    }
}
