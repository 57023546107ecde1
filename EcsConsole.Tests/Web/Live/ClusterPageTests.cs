using Bunit;
using EcsConsole.Core.Access;
using EcsConsole.Core.Live;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Core.Live;
using EcsConsole.Web.Components.Pages.Clusters;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Web.Live;

public sealed class ClusterPageTests : LivePageTest
{
    private IRenderedComponent<ClusterPage> RenderPage(string? tab = "tasks")
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(tab is null ? "/c/test/eu-west-1/clusters/demo" : $"/c/test/eu-west-1/clusters/demo?tab={tab}");
        return Render<ClusterPage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region).Add(x => x.Cluster, "demo"));
    }

    [Fact]
    public void Loading_shows_progress()
        => Assert.NotNull(RenderPage().Find("[data-testid=loading]"));

    [Fact]
    public void An_error_before_any_data_says_why()
    {
        Cluster(FakeLiveClusters.Failed("AWS could not find what ListServices asked for. AWS said: Cluster not found.", everLoaded: false));

        Assert.Contains("This cluster could not be loaded. AWS could not find what ListServices asked for.", RenderPage().Find("[data-testid=error-alert]").TextContent);
    }

    [Fact]
    public void An_empty_cluster_says_so_on_both_tabs()
    {
        Live.ClusterSnapshot = new(new(Conn, Region, "demo"), [], [], FakeLiveClusters.Fresh);

        Assert.Equal("No tasks.", RenderPage().Find("[data-testid=no-tasks]").TextContent);
        Assert.NotNull(RenderPage(tab: null).Find("[data-testid=no-services]"));
    }

    [Fact]
    public void Tasks_show_status_chips_public_ip_links_and_the_running_stopped_filter()
    {
        Cluster(FakeLiveClusters.Fresh, LiveRecords.Task("aaa111"), LiveRecords.Task("bbb222", EcsTaskStatus.Stopped, exit: 137));
        var page = RenderPage();

        Assert.Single(page.FindAll("[data-testid=task-link]"));
        Assert.Equal("RUNNING", page.Find("[data-testid=status-chip]").GetAttribute("data-status"));
        var link = page.Find("[data-testid=public-ip-link]");
        Assert.Equal("203.0.113.5:8000", link.TextContent);
        Assert.Equal("http://203.0.113.5:8000/", link.GetAttribute("href"));

        page.FindAll("[data-testid=running-stopped] .mud-toggle-item")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(["bbb222"], page.FindAll("[data-testid=task-link]").Select(a => a.TextContent)));
    }

    [Fact]
    public void A_live_update_moves_a_task_to_stopping_without_a_reload()
    {
        Cluster(FakeLiveClusters.Fresh, LiveRecords.Task("aaa111"));
        var page = RenderPage();

        Live.Push(new ClusterChange.TaskUpdated(LiveRecords.Task("aaa111", EcsTaskStatus.Stopping)));

        page.WaitForAssertion(() => Assert.Equal("No running task matches.", page.Find("[data-testid=no-tasks]").TextContent));
    }

    [Fact]
    public void A_viewer_cannot_select_a_stop()
    {
        SignIn(ConsoleRole.Viewer);
        Cluster(FakeLiveClusters.Fresh, LiveRecords.Task("aaa111"));
        var page = RenderPage();

        Assert.True(page.Find("[data-testid=stop-selected]").HasAttribute("disabled"));
    }

    [Fact]
    public void Bulk_stop_lists_the_tasks_warns_about_the_service_and_stops_them_with_the_reason()
    {
        Account.AddTask("aaa111", service: "web");
        Cluster(FakeLiveClusters.Fresh, LiveRecords.Task("aaa111"));
        var page = RenderPage();

        page.FindAll("[data-testid=tasks-table] tbody input[type=checkbox]")[0].Change(true);
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=stop-selected]").HasAttribute("disabled")));
        page.Find("[data-testid=stop-selected]").Click();

        Providers.WaitForAssertion(() => Assert.Contains("ECS will start a replacement", Providers.Find("[data-testid=service-warning]").TextContent));
        Assert.Contains("Scale web from 2 to 1 instead", Providers.Find("[data-testid=scale-instead]").TextContent);
        Providers.Find("[data-testid=confirm-stop]").Click();
        Providers.WaitForAssertion(() => Assert.Contains("Say why the task is being stopped", Providers.Markup));
        Assert.DoesNotContain(Aws.Http.Requests, r => r.Operation == "StopTask");

        Providers.Find("[data-testid=stop-reason]").Input("bad deploy");
        Providers.WaitForAssertion(() => Assert.DoesNotContain("Say why the task is being stopped", Providers.Markup));
        Providers.Find("[data-testid=confirm-stop]").Click();

        Providers.WaitForAssertion(() => Assert.Contains("Task aaa111 is stopping.", Providers.Markup));
        var stop = Assert.Single(Aws.Http.Requests, r => r.Operation == "StopTask");
        Assert.Equal("Stopped by olga@example.com via EcsConsole: bad deploy", (string?)stop.Json!["reason"]);
        Assert.Equal(1, Live.RefreshRequests);
    }

    [Fact]
    public void The_stop_dialog_offers_scaling_the_service_down_instead()
    {
        Account.AddService("web", desired: 2);
        Cluster(FakeLiveClusters.Fresh, LiveRecords.Task("aaa111"));
        var page = RenderPage();

        page.FindAll("[data-testid=tasks-table] tbody input[type=checkbox]")[0].Change(true);
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=stop-selected]").HasAttribute("disabled")));
        page.Find("[data-testid=stop-selected]").Click();
        Providers.WaitForElement("[data-testid=scale-instead]").Click();

        Providers.WaitForAssertion(() => Assert.Contains("Scaled web to 1 task", Providers.Markup));
        var update = Assert.Single(Aws.Http.Requests, r => r.Operation == "UpdateService");
        Assert.Equal(1, (int?)update.Json!["desiredCount"]);
        Assert.DoesNotContain(Aws.Http.Requests, r => r.Operation == "StopTask");
    }

    [Fact]
    public async Task The_history_tab_lists_recorded_stopped_tasks()
    {
        Cluster(FakeLiveClusters.Fresh);
        var empty = RenderPage(tab: "history");
        Assert.NotNull(empty.Find("[data-testid=history-empty]"));

        await History.UpsertAsync(new ClusterKey(Conn, Region, "demo"),
            [LiveRecords.Task("ccc333", EcsTaskStatus.Stopped, stopCode: EcsStopCode.UserInitiated, reason: "Stopped by olga")], Xunit.TestContext.Current.CancellationToken);
        var page = RenderPage(tab: "history");

        page.WaitForAssertion(() => Assert.Contains("UserInitiated Stopped by olga", page.Find("[data-testid=history-table]").TextContent));
        Assert.Contains("No stopped tasks recorded for this cluster yet.", empty.Find("[data-testid=history-empty]").TextContent);

        // A search that finds nothing says so, rather than claiming nothing was ever recorded.
        page.Find("[data-testid=history-search] input, input[data-testid=history-search]").Input("zzz-nothing");
        page.WaitForAssertion(() => Assert.Contains("No recorded task matches “zzz-nothing”.", page.Find("[data-testid=history-empty]").TextContent));
    }
}
