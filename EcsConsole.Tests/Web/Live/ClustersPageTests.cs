using Bunit;
using EcsConsole.Core.Live;
using EcsConsole.Tests.Core.Live;
using EcsConsole.Web.Components.Pages.Clusters;

namespace EcsConsole.Tests.Web.Live;

public sealed class ClustersPageTests : LivePageTest
{
    private IRenderedComponent<ClustersPage> RenderPage() => Render<ClustersPage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region));

    private void Clusters(LiveStatus status, params EcsConsole.Core.Clusters.ClusterSummary[] clusters)
        => Live.ClusterListSnapshot = new(new(Conn, Region), clusters, status);

    [Fact]
    public void Loading_shows_progress_until_the_first_refresh()
    {
        var page = RenderPage();

        Assert.NotNull(page.Find("[data-testid=loading]"));
        Assert.Empty(page.FindAll("[data-testid=clusters-table]"));
    }

    [Fact]
    public void Empty_says_there_are_no_clusters_in_the_region()
        => Assert.Contains("There are no ECS clusters in eu-west-1", RenderAfter(FakeLiveClusters.Fresh).Find("[data-testid=empty]").TextContent);

    [Fact]
    public void An_error_before_any_data_is_a_sentence_not_an_empty_list()
    {
        var page = RenderAfter(FakeLiveClusters.Failed("AWS refused ListClusters: the credentials in use are not allowed to do this.", everLoaded: false));

        Assert.Contains("could not be loaded. AWS refused ListClusters", page.Find("[data-testid=error-alert]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=empty]"));
    }

    [Fact]
    public void Data_lists_clusters_with_counts_and_links_and_search_filters_them()
    {
        Clusters(FakeLiveClusters.Fresh, LiveRecords.Cluster("demo", running: 3), LiveRecords.Cluster("batch"));
        var page = RenderPage();

        var links = page.FindAll("[data-testid=cluster-link]");
        Assert.Equal(["batch", "demo"], links.Select(l => l.TextContent));
        Assert.Equal("/c/test/eu-west-1/clusters/demo", links[1].GetAttribute("href"));

        page.Find("[data-testid=cluster-search] input, input[data-testid=cluster-search]").Input("dem");
        page.WaitForAssertion(() => Assert.Equal(["demo"], page.FindAll("[data-testid=cluster-link]").Select(l => l.TextContent)));
    }

    [Fact]
    public void Live_updates_change_counts_and_a_failure_shows_the_stale_banner_with_the_reason()
    {
        Clusters(FakeLiveClusters.Fresh, LiveRecords.Cluster("demo", running: 1));
        var page = RenderPage();

        Live.Push(new ClusterListChange.ClusterUpdated(LiveRecords.Cluster("demo", running: 7)));
        page.WaitForAssertion(() => Assert.Equal("7", page.Find("[data-testid=running-count]").TextContent));

        Live.Push(new ClusterListChange.StatusChanged(FakeLiveClusters.Failed("AWS is throttling ListClusters calls.", everLoaded: true)));
        page.WaitForAssertion(() => Assert.Contains("AWS is throttling ListClusters calls. Retrying automatically.", page.Find("[data-testid=stale-banner]").TextContent));
        Assert.Equal("7", page.Find("[data-testid=running-count]").TextContent); // the last data stays
    }

    [Fact]
    public async Task Leaving_the_page_ends_the_subscription()
    {
        var page = RenderPage();
        Assert.Equal(1, Live.Subscribers);

        await DisposeComponentsAsync();

        Assert.Equal(0, Live.Subscribers);
    }

    private IRenderedComponent<ClustersPage> RenderAfter(LiveStatus status)
    {
        Clusters(status);
        return RenderPage();
    }
}
