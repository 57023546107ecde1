namespace EcsConsole.Core.Costs;

/// <summary>How the console measures and reports cost (prices themselves are in <see cref="PricingOptions"/>).</summary>
public sealed class CostOptions
{
    public const string SectionName = "Costs";

    /// <summary>A standalone task running longer than this with no auto-stop timer is listed as forgotten.</summary>
    public TimeSpan ForgottenAfter { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How old the region's running-task figures may be before the app bar asks AWS again. One refresh
    /// serves every open browser: ListClusters, then per cluster ListTasks + DescribeTasks (100 per call).
    /// </summary>
    public TimeSpan RegionRefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A recorded task that is not stopped but that no watcher has seen for this long counts only until it
    /// was last seen (nobody knows what happened to it since), so an unwatched cluster cannot inflate history.
    /// </summary>
    public TimeSpan HistoryStaleAfter { get; set; } = TimeSpan.FromHours(1);
}
