using Bunit;
using EcsConsole.Core.Live;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Core.Live;
using EcsConsole.Web.Components.Pages.Services;
using EcsConsole.Web.Components.Pages.Tasks;

namespace EcsConsole.Tests.Web.Live;

public sealed class TaskPageTests : LivePageTest
{
    private IRenderedComponent<TaskPage> RenderPage(string id = "aaa111")
        => Render<TaskPage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region).Add(x => x.Cluster, "demo").Add(x => x.TaskId, id));

    [Fact]
    public void Loading_shows_progress()
        => Assert.NotNull(RenderPage().Find("[data-testid=loading]"));

    [Fact]
    public void An_error_before_any_data_says_why()
    {
        Cluster(FakeLiveClusters.Failed("Could not reach ECS: check the network or the endpoint.", everLoaded: false));

        Assert.Contains("Could not reach ECS", RenderPage().Find("[data-testid=error-alert]").TextContent);
    }

    [Fact]
    public void A_running_task_shows_its_public_ip_links_network_and_where_to_go_next()
    {
        Cluster(FakeLiveClusters.Fresh, LiveRecords.Task("aaa111"));
        var page = RenderPage();

        Assert.Contains("203.0.113.5", page.Find("[data-testid=task-public-ip]").TextContent);
        Assert.Equal("http://203.0.113.5:8000/", page.Find("[data-testid=public-ip-link]").GetAttribute("href"));
        Assert.Contains("eni-1", page.Find("[data-testid=network]").TextContent);
        Assert.Equal("/c/test/eu-west-1/task-definitions/web/4", page.Find("[data-testid=link-taskdef]").GetAttribute("href"));
        Assert.Equal("/c/test/eu-west-1/logs/task/demo/aaa111", page.Find("[data-testid=link-logs]").GetAttribute("href"));
        Assert.Contains("console.aws.amazon.com/ecs/v2/clusters/demo/tasks/aaa111", page.Find("[data-testid=open-in-aws]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=stop-explanation]"));
    }

    [Fact]
    public void A_live_update_to_stopped_explains_why_in_plain_words()
    {
        Cluster(FakeLiveClusters.Fresh, LiveRecords.Task("aaa111"));
        var page = RenderPage();

        Live.Push(new ClusterChange.TaskUpdated(LiveRecords.Task("aaa111", EcsTaskStatus.Stopped, exit: 137,
            stopCode: EcsStopCode.EssentialContainerExited, reason: "Essential container in task exited")));

        page.WaitForAssertion(() =>
        {
            var text = page.Find("[data-testid=stop-explanation]").TextContent;
            Assert.Contains("A container ran out of memory and was killed.", text);
            Assert.Contains("Container app exited with code 137: it was killed (SIGKILL), most likely because it ran out of memory", text);
        });
        Assert.True(page.Find("[data-testid=stop-task]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_task_aws_has_forgotten_comes_from_history_and_an_unknown_one_says_so()
    {
        Cluster(FakeLiveClusters.Fresh);
        await History.UpsertAsync(new ClusterKey(Conn, Region, "demo"), [LiveRecords.Task("old999", EcsTaskStatus.Stopped, ip: "203.0.113.9")], Xunit.TestContext.Current.CancellationToken);

        var old = RenderPage("old999");
        var unknown = RenderPage("nope");

        old.WaitForAssertion(() => Assert.Contains("AWS no longer lists this task", old.Find("[data-testid=from-history]").TextContent));
        Assert.Contains("203.0.113.9", old.Markup);
        Assert.Contains("Cluster demo has no task nope", unknown.Find("[data-testid=task-missing]").TextContent);
    }

    [Fact]
    public void The_service_page_shows_counts_deployments_events_newest_first_and_its_tasks()
    {
        Live.ClusterSnapshot = new(new(Conn, Region, "demo"),
            [LiveRecords.Service("web", desired: 3, running: 2,
                new("e2", DateTimeOffset.Parse("2026-03-14T09:05:00Z"), "(service web) has reached a steady state."),
                new("e1", DateTimeOffset.Parse("2026-03-14T09:00:00Z"), "(service web) has started 1 tasks."))],
            [LiveRecords.Task("aaa111"), LiveRecords.Task("zzz999", service: "other")], FakeLiveClusters.Fresh);

        var page = Render<ServicePage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region).Add(x => x.Cluster, "demo").Add(x => x.ServiceName, "web"));

        Assert.Contains("3", page.Find("[data-testid=count-desired]").TextContent);
        Assert.Contains("COMPLETED", page.Find("[data-testid=deployments-table]").TextContent);
        var events = page.FindAll("[data-testid=service-events] .event-row").Select(e => e.TextContent).ToList();
        Assert.Contains("steady state", events[0]);
        Assert.Equal(["aaa111"], page.FindAll("[data-testid=task-link]").Select(a => a.TextContent));

        var missing = Render<ServicePage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region).Add(x => x.Cluster, "demo").Add(x => x.ServiceName, "gone"));
        Assert.Contains("has no service named gone", missing.Find("[data-testid=service-missing]").TextContent);
    }
}
