using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Tests.E2E.Access;
using EcsConsole.Tests.Web.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.CloudWatchLogs;

/// <summary>The log viewer in Chromium against the app with its simulated account (awslogs lines every second).</summary>
public sealed class LogViewerFlowTests : IAsyncLifetime
{
    private readonly TestConsoleApp _app = new(kestrel: true, settings: new Dictionary<string, string?>
    {
        ["Sandbox:Port"] = "0",
        ["Sandbox:Persist"] = "false",
        ["Sandbox:LogLineInterval"] = "00:00:01",
    });

    private Chromium _chromium = null!;

    public async ValueTask InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The seeded demo service's task once it runs (it starts with the app and takes a few seconds).</summary>
    private async Task<string> RunningTaskIdAsync()
    {
        var ecs = _app.Services.GetRequiredService<AwsClientFactory>().For("sandbox").Ecs;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var arns = await ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", DesiredStatus = "RUNNING" }, TestContext.Current.CancellationToken);
            if (arns.TaskArns is { Count: > 0 } list)
            {
                var tasks = await ecs.DescribeTasksBatchedAsync("demo", list, TestContext.Current.CancellationToken);
                if (tasks.FirstOrDefault(t => t.LastStatus == "RUNNING") is { TaskArn: { } arn }) return arn[(arn.LastIndexOf('/') + 1)..];
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("The sandbox's demo task did not reach RUNNING.");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_running_tasks_logs_open_follow_new_lines_filter_and_download()
    {
        var taskId = await RunningTaskIdAsync();
        var context = await _chromium.Browser.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var path = $"/c/sandbox/us-east-1/logs/task/demo/{taskId}";

        await page.SignInAsync(_app.ServerAddress, TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword, path);
        try
        {
            await FollowFilterAndDownloadAsync(page, path, taskId);
        }
        catch
        {
            // What the page showed is the quickest way to see why.
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "ecsconsole-shots", "log-viewer-failure.png") });
            throw;
        }

        await context.DisposeAsync();
    }

    private static async Task<int> LineCountAsync(IPage page)
    {
        var text = await page.GetByTestId("log-counts").InnerTextAsync();
        return int.Parse(text.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task FollowFilterAndDownloadAsync(IPage page, string path, string taskId)
    {

        // Opens following the end of the task's log; new access-log lines arrive without a reload.
        var rows = page.Locator(".log-row");
        await Assertions.Expect(rows.Filter(new() { HasText = "HTTP/1.1" }).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("log-following")).ToBeVisibleAsync();
        var before = await LineCountAsync(page);
        var lastBefore = await rows.Last.GetAttributeAsync("data-ts");
        await page.WaitForFunctionAsync(
            "n => parseInt(document.querySelector('[data-testid=log-counts]').textContent.replace(/,/g, '')) > n", before, new() { Timeout = 15_000 });
        await page.WaitForFunctionAsync(
            "ts => { const rows = document.querySelectorAll('.log-row'); return rows.length > 0 && rows[rows.length - 1].dataset.ts !== ts; }",
            lastBefore, new() { Timeout = 15_000 });
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);

        // A highlight marks the term in place.
        await page.FillAsync("#log-highlight", "items");
        await Assertions.Expect(page.Locator("mark.log-hit").First).ToHaveTextAsync("items", new() { Timeout = 5_000 });

        // A CloudWatch filter pattern is applied by the server: only the banner's "Uvicorn running" line matches.
        await page.FillAsync("#log-filter", "\"Uvicorn running\"");
        await page.ClickAsync("[data-testid=log-filter-apply]");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("Uvicorn running on http://0.0.0.0:");

        // The download streams the same selection from CloudWatch into a file.
        await page.ClickAsync("[data-testid=log-download] button");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=log-download-text]"));
        var file = await download.PathAsync();
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO:     Uvicorn running on http://0\.0\.0\.0:\d+ \(Press CTRL\+C to quit\)$", lines[0]);
        Assert.EndsWith(".log", download.SuggestedFilename, StringComparison.Ordinal);

        // Without the filter the download holds the access-log lines as JSON lines.
        await page.FillAsync("#log-filter", "");
        await page.ClickAsync("[data-testid=log-filter-apply]");
        await Assertions.Expect(rows.Filter(new() { HasText = "HTTP/1.1" }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ClickAsync("[data-testid=log-download] button");
        var jsonDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=log-download-jsonl]"));
        var jsonLines = (await File.ReadAllTextAsync(await jsonDownload.PathAsync(), TestContext.Current.CancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(jsonLines.Length >= 5, $"Expected the banner and access-log lines, got {jsonLines.Length} lines.");
        var first = System.Text.Json.JsonDocument.Parse(jsonLines[0]).RootElement;
        Assert.Equal("INFO:     Started server process [1]", first.GetProperty("message").GetString());
        Assert.Equal($"ecs/app/{taskId}", first.GetProperty("stream").GetString());
        Assert.Contains(jsonLines, l => l.Contains("HTTP/1.1", StringComparison.Ordinal));
    }
}
