using Bunit;
using Bunit.TestDoubles;
using EcsConsole.Core.Access;
using EcsConsole.Core.Commands;
using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Core.Live;
using EcsConsole.Tests.Infrastructure;
using EcsConsole.Tests.Web.Costs;
using EcsConsole.Web.Services;
using EcsConsole.Web.Services.Running;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Live;

/// <summary>
/// bUnit for the live pages: MudBlazor, a signed-in person, a <see cref="FakeLiveClusters"/> for the
/// watcher, the real task history on an in-memory database, and the real stop command over a fake ECS.
/// </summary>
public abstract class LivePageTest : BunitContext
{
    protected const string Conn = "test";
    protected const string Region = AwsTestHarness.Region;

    protected LivePageTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Account = new FakeEcsAccount(Aws);
        History = new TaskHistory(Db, Aws.Time, Options.Create(new HistoryOptions()));
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<ILiveClusters>(Live);
        Services.AddSingleton(History);
        Services.AddSingleton(Aws.Registry);
        Services.AddSingleton<TimeProvider>(TimeProvider.System);
        var runner = new CommandRunner(new EcsConsole.Core.Audit.AuditLog(Db, Aws.Time), NullLogger<CommandRunner>.Instance);
        Services.AddSingleton(new EcsTaskCommands(Aws.Factory, runner));
        Services.AddSingleton(new EcsConsole.Core.Services.ServiceManager(Aws.Factory, runner,
            new EcsConsole.Core.Services.ParkStore(Db, Aws.Time), new EcsConsole.Core.Running.RunPresetStore(Db, Aws.Time)));
        // What the run feature's components on these pages need: revisions for "deploy", the reachability check.
        Services.AddSingleton(new EcsConsole.Core.Running.RunCatalog(Aws.Factory));
        Services.AddHttpClient();
        Services.AddSingleton<EcsConsole.Core.Running.ReachabilityChecker>();
        Services.AddSingleton<TaskAddressMap>();
        Services.AddCostPages(Db, Aws, runner, History);
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<ConsoleLocation>();
        Services.AddScoped<CurrentUser>();
        Auth = AddAuthorization();
        SignIn(ConsoleRole.Operator);
        Providers = this.RenderMudProviders();
    }

    protected AwsTestHarness Aws { get; } = new(o => o.MaxAttempts = 1);

    protected FakeEcsAccount Account { get; }

    protected TestDatabase Db { get; } = new();

    protected TaskHistory History { get; }

    protected FakeLiveClusters Live { get; } = new();

    protected BunitAuthorizationContext Auth { get; }

    protected IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Providers { get; }

    protected void SignIn(ConsoleRole role)
    {
        Auth.SetAuthorized("olga@example.com");
        Auth.SetRoles(role.ToString());
    }

    protected void Cluster(LiveStatus status, params EcsTaskDetail[] tasks)
        => Live.ClusterSnapshot = new ClusterSnapshot(new(Conn, Region, "demo"), [LiveRecords.Service("web")], tasks, status);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Aws.Dispose();
            Db.Dispose();
        }

        base.Dispose(disposing);
    }
}
