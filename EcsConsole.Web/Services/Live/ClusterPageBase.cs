using EcsConsole.Core.Access;
using EcsConsole.Core.Live;
using Microsoft.AspNetCore.Components;

namespace EcsConsole.Web.Services.Live;

/// <summary>The cluster, service and task pages: all fed by the one shared watcher of their cluster.</summary>
public abstract class ClusterPageBase : LiveComponentBase<ClusterSnapshot, ClusterChange>
{
    [Parameter] public string Conn { get; set; } = "";
    [Parameter] public string Region { get; set; } = "";
    [Parameter] public string Cluster { get; set; } = "";

    [Inject] protected ILiveClusters Live { get; set; } = null!;
    [Inject] protected ConsoleLocation Location { get; set; } = null!;
    [Inject] protected CurrentUser CurrentUser { get; set; } = null!;

    protected ClusterView View { get; } = new();

    protected ConsoleUser? User { get; private set; }

    protected string RootBase => ConsoleLocation.PathFor(Conn, Region);

    protected string ClusterBase => $"{RootBase}/clusters/{Uri.EscapeDataString(Cluster)}";

    protected override (string? Connection, string? Region, string? Cluster) Target => (Conn, Region, Cluster);

    protected override async Task OnInitializedAsync() => User = await CurrentUser.GetAsync();

    protected override Task OnParametersSetAsync()
    {
        Location.Set(Conn, Region);
        return base.OnParametersSetAsync();
    }

    protected override LiveSubscription<ClusterSnapshot, ClusterChange> Subscribe() => Live.WatchCluster(Conn, Region, Cluster);

    protected override void ApplySnapshot(ClusterSnapshot snapshot) => View.Load(snapshot);

    protected override void Apply(ClusterChange change) => View.Apply(change);
}
