using Bunit;
using Bunit.TestDoubles;
using EcsConsole.Core.Logs;
using EcsConsole.Core.Storage;
using EcsConsole.Tests.Core.CloudWatchLogs;
using EcsConsole.Tests.Infrastructure;
using EcsConsole.Web.Components.Shared;
using EcsConsole.Web.Logs;
using EcsConsole.Web.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.CloudWatchLogs;

public sealed class LogViewerTests : BunitContext
{
    private const string Group = "/ecs/web";
    private const string Stream = "ecs/app/0123456789abcdef";
    private readonly FakeLogEventSource _source = new();
    private readonly BunitJSModuleInterop _module;
    private readonly BunitAuthorizationContext _auth;

    public LogViewerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        _module = JSInterop.SetupModule("./Components/Shared/LogViewer.razor.js");
        _module.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        _auth = AddAuthorization();
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Options.Create(new LogsOptions { RenderIntervalMilliseconds = 100 }));
        Services.AddSingleton<ILogEventSource>(_source);
        Services.AddSingleton<LogRangeReader>();
        Services.AddSingleton<LogTailerHub>();
        Services.AddSingleton<IDbContextFactory<EcsConsoleDbContext>>(_ => new TestDatabase());
        Services.AddSingleton<LogViewerSettingsStore>();
    }

    private static LogViewerSource TaskSource()
        => new("Task", [new LogFeed(new LogTailKey("sandbox", "us-east-1", Group, [Stream]), new Dictionary<string, string> { [Stream] = "app" })], [], IsTask: true);

    private IRenderedComponent<LogViewer> RenderViewer(LogViewerSource? source = null)
        => Render<LogViewer>(p => p.Add(v => v.Source, source ?? TaskSource()).Add(v => v.BasePath, "/c/sandbox/us-east-1"));

    private void Write(string message) => _source.Write(Group, Stream, DateTimeOffset.UtcNow, message);

    [Fact]
    public async Task Remembered_settings_come_back_but_a_custom_range_reopens_on_the_default_since_its_dates_are_not_kept()
    {
        _auth.SetAuthorized("ada@example.com");
        await Services.GetRequiredService<LogViewerSettingsStore>().SaveAsync("ada@example.com",
            new LogViewerSettings(Utc: true, Wrap: false, OnlyMatching: false, Range: LogTimeRanges.Custom), Xunit.TestContext.Current.CancellationToken);

        var viewer = RenderViewer();

        viewer.WaitForAssertion(() => Assert.Contains("Whole task life", viewer.Find("[data-testid=log-range]").TextContent));
        Assert.Empty(viewer.FindAll("[data-testid=log-from]"));
        Assert.Contains("nowrap-lines", viewer.Find("[data-testid=log-lines]").ClassName);
    }

    [Theory]
    [InlineData(true, "Line copied.")]
    [InlineData(false, "The browser did not allow copying")]
    public void Copying_a_line_says_it_was_copied_or_that_the_browser_refused(bool browserAllows, string said)
    {
        JSInterop.Setup<bool>("ecsConsole.copyText", _ => true).SetResult(browserAllows);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        Write("\u001b[32mINFO\u001b[0m: ready");
        var cut = RenderViewer();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".log-row")), TimeSpan.FromSeconds(5));

        cut.Find("[data-testid=log-copy]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains(said, snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal("INFO: ready", JSInterop.VerifyInvoke("ecsConsole.copyText").Arguments[0]);
    }

    [Fact]
    public void A_line_holding_html_or_script_is_shown_as_characters()
    {
        Write("<script>alert('owned')</script><b>bold?</b> <img src=x onerror=alert(1)>");
        var cut = RenderViewer();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".log-row")), TimeSpan.FromSeconds(5));
        Assert.Contains("&lt;script&gt;alert('owned')&lt;/script&gt;&lt;b&gt;bold?&lt;/b&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".log-msg script"));
        Assert.Empty(cut.FindAll(".log-msg b"));
        Assert.Empty(cut.FindAll(".log-msg img"));
        Assert.Contains("<script>alert('owned')</script>", cut.Find(".log-msg").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Ansi_colours_and_levels_are_rendered_as_classes()
    {
        Write("\u001b[31mERROR\u001b[0m: database unreachable");
        var cut = RenderViewer();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".log-row")), TimeSpan.FromSeconds(5));
        Assert.Contains("lvl-error", cut.Find(".log-row").ClassName, StringComparison.Ordinal);
        Assert.Equal("ERROR", cut.Find(".log-msg .ansi-fg-1").TextContent);
        Assert.DoesNotContain("\u001b", cut.Find(".log-msg").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_highlight_term_is_marked_and_only_matching_hides_the_other_lines()
    {
        Write("GET /health 200");
        Write("GET /orders 500 Internal Server Error");
        Write("GET /health 200");
        var cut = RenderViewer();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".log-row").Count), TimeSpan.FromSeconds(5));

        cut.Find("#log-highlight").Input("ORDERS");

        cut.WaitForAssertion(() => Assert.Equal("orders", Assert.Single(cut.FindAll("mark.log-hit")).TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(3, cut.FindAll(".log-row").Count);

        cut.FindComponents<MudBlazor.MudSwitch<bool>>().Single(s => s.Instance.Label == "Only matching").Find("input").Change(true);

        cut.WaitForAssertion(() => Assert.Contains("/orders", Assert.Single(cut.FindAll(".log-row")).TextContent, StringComparison.Ordinal));
        Assert.Contains("1 matching", cut.Find("[data-testid=log-counts]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrolling_up_pauses_following_and_one_click_resumes_it()
    {
        Write("banner");
        var cut = RenderViewer();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".log-row")), TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Contains(_module.Invocations, i => i.Identifier == "scrollToEnd"));
        Assert.NotNull(cut.Find("[data-testid=log-following]"));

        await cut.InvokeAsync(() => cut.Instance.OnScrolledAway());
        var scrolls = _module.Invocations.Count(i => i.Identifier == "scrollToEnd");
        Write("GET / 200");

        // New lines still arrive while paused, but the view is not moved under the reader.
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".log-row").Count), TimeSpan.FromSeconds(10));
        Assert.Equal(scrolls, _module.Invocations.Count(i => i.Identifier == "scrollToEnd"));
        Assert.False(cut.Instance.Following);

        cut.Find("[data-testid=log-resume]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=log-following]")));
        cut.WaitForAssertion(() => Assert.True(_module.Invocations.Count(i => i.Identifier == "scrollToEnd") > scrolls));
    }

    [Fact]
    public void A_container_with_another_log_driver_gets_its_explanation_instead_of_an_empty_page()
    {
        var splunk = LogSourceResolver.ForContainer("0123456789abcdef", "app",
            new EcsConsole.Core.Aws.Ecs.Model.LogConfiguration { LogDriver = "splunk", Options = new() { ["splunk-url"] = "https://splunk.example.com:8088" } },
            "us-east-1");
        var task = new EcsTaskLogSources("default", "arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef", "0123456789abcdef",
            "RUNNING", DateTimeOffset.UtcNow, null, [splunk]);
        var cut = RenderViewer(LogViewerSource.ForTasks("Task", "sandbox", [task], merged: false));

        var alert = cut.Find("[data-testid=log-explanation]");
        Assert.Contains("Splunk", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("splunk-url=https://splunk.example.com:8088", alert.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=log-status]"));
        Assert.Equal(0, _source.Calls);
    }

    [Fact]
    public void Only_the_newest_lines_are_kept_and_the_viewer_says_how_many_were_dropped()
    {
        Services.AddSingleton(Options.Create(new LogsOptions { RenderIntervalMilliseconds = 100, ViewerBufferLines = 1_000 }));
        for (var i = 0; i < 1_500; i++) _source.Write(Group, Stream, DateTimeOffset.UtcNow.AddMilliseconds(i - 2_000), $"line {i}");
        var cut = RenderViewer();

        cut.WaitForAssertion(() => Assert.Contains("1,000 lines", cut.Find("[data-testid=log-counts]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Contains("500 older lines dropped", cut.Find("[data-testid=log-counts]").TextContent, StringComparison.Ordinal);
        Assert.Equal("line 500", cut.Instance.VisibleRows[0].Line.Message);
    }
}
