using System.Diagnostics;
using System.Globalization;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Aws.Logs.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using EcsConsole.Tests.E2E.Infrastructure;
using Microsoft.Playwright;

namespace EcsConsole.Benchmarks;

/// <summary>
/// The log viewer end to end, as a person sees it: the built EcsConsole.Web runs as a child process on its
/// sandbox (free loopback ports, through <see cref="ConsoleProcess"/>, shared with the end-to-end tests),
/// Debian's Chromium signs in and opens a running task's logs, and this process writes lines into that
/// task's stream with PutLogEvents. A MutationObserver in the page stamps the moment each line first
/// appears in the viewer's DOM; both clocks are this machine's.
/// </summary>
public static class RenderedLogsBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Email = "bench@example.com";
    private const string Password = "a long benchmark passphrase";

    // Collects, per marker id, the first time (epoch ms) its text was in the viewer's DOM.
    private const string ObserverScript = """
        () => {
          window.__seen = {};
          const lines = document.querySelector('[data-testid=log-lines]');
          const scan = () => {
            const now = Date.now();
            for (const m of lines.textContent.matchAll(/bench-mark (\d+) /g)) {
              if (!(m[1] in window.__seen)) window.__seen[m[1]] = now;
            }
          };
          new MutationObserver(scan).observe(lines, { subtree: true, childList: true, characterData: true });
          return true;
        }
        """;

    public static async Task RunAsync()
    {
        Console.WriteLine();
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"Rendered in a browser: skipped, {ChromiumPath} is missing (sudo apt-get install chromium; ./test.sh installs it).");
            return;
        }

        var data = Directory.CreateTempSubdirectory("ecsconsole-bench-web-");
        try
        {
            ConsoleProcess web;
            try
            {
                web = await ConsoleProcess.StartAsync(data.FullName, new Dictionary<string, string>
                {
                    ["Sandbox:Persist"] = "false",
                    ["Sandbox:LogLineInterval"] = "00:00:01",
                    ["Auth:BootstrapAdmin:Email"] = Email,
                    ["Auth:BootstrapAdmin:Password"] = Password,
                    ["Serilog:MinimumLevel:Default"] = "Warning",
                });
            }
            catch (FileNotFoundException)
            {
                Console.WriteLine("Rendered in a browser: skipped, EcsConsole.Web is not built (dotnet build -c Release).");
                return;
            }

            await using (web)
            {
                await MeasureAsync(web.Address, web.Sandbox);
            }
        }
        finally
        {
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder; the OS cleans it.
            }
        }
    }

    private static async Task MeasureAsync(Uri app, Uri sandbox)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddAwsAccess();
        services.Configure<AwsOptions>(o => o.Connections.Add(new ConnectionOptions
        {
            Name = "sandbox", IsSandbox = true, Region = "us-east-1", EndpointUrl = sandbox.ToString(),
        }));
        await using var provider = services.BuildServiceProvider();
        var aws = provider.GetRequiredService<AwsClientFactory>().For("sandbox", "us-east-1");
        var transport = provider.GetRequiredService<AwsJsonTransport>();
        var (taskId, group, stream) = await RunningTaskStreamAsync(aws);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var path = $"/c/sandbox/us-east-1/logs/task/demo/{taskId}";
        await page.GotoAsync(new Uri(app, $"account/sign-in?ReturnUrl={Uri.EscapeDataString(path)}").ToString());
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForSelectorAsync("body[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=log-following]", new() { Timeout = 60_000 });
        await page.EvaluateAsync<bool>(ObserverScript);

        async Task PutAsync(IReadOnlyList<string> messages)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await transport.InvokeAsync<PutLogEventsRequest, PutLogEventsResponse>(aws.Logs.Context, AwsService.Logs, "PutLogEvents",
                new PutLogEventsRequest { LogGroupName = group, LogStreamName = stream, LogEvents = [.. messages.Select(m => new InputLogEvent { Timestamp = now, Message = m })] },
                CancellationToken.None);
        }

        // 1. Latency: one marked line every 250 ms; the page stamps when it first shows.
        var written = new Dictionary<int, long>();
        for (var i = 0; i < 48; i++)
        {
            written[i] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await PutAsync([$"bench-mark {i} INFO latency probe"]);
            await Task.Delay(250);
        }

        await Task.Delay(3_000);
        var seen = await page.EvaluateAsync<Dictionary<string, long>>("() => window.__seen");
        var latencies = seen.Select(kv => (double)(kv.Value - written[int.Parse(kv.Key, CultureInfo.InvariantCulture)])).Order().ToList();
        Console.WriteLine($"Latency, PutLogEvents → line rendered in Chromium's log viewer ({latencies.Count} of {written.Count} lines shown, one every 250 ms):");
        Console.WriteLine($"  p50 {LogsBenchmark.Percentile(latencies, 0.5),6:0} ms   p95 {LogsBenchmark.Percentile(latencies, 0.95),6:0} ms   max {latencies.LastOrDefault(),6:0} ms");

        // 2. Sustained: 1,800 lines/s for 10 s into the same stream; the viewer's own line count says what it shows.
        const int rate = 1_800;
        var before = await LineCountAsync(page);
        var clock = Stopwatch.StartNew();
        for (var tick = 0; tick < 100; tick++)
        {
            var from = tick * (rate / 10);
            await PutAsync([.. Enumerable.Range(from, rate / 10).Select(n => $"{n:D8} INFO: 198.51.100.7:51234 - \"GET /items/{n % 97} HTTP/1.1\" 200 OK")]);
            var due = TimeSpan.FromMilliseconds((tick + 1) * 100);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
        }

        var writeSeconds = clock.Elapsed.TotalSeconds;
        var expected = rate * 10;
        var shown = 0;
        var lastGrowth = clock.Elapsed;
        while (clock.Elapsed - lastGrowth < TimeSpan.FromSeconds(10))
        {
            var now = await LineCountAsync(page) - before;
            if (now != shown) lastGrowth = clock.Elapsed;
            shown = now;
            if (shown >= expected) break;
            await Task.Delay(100);
        }

        // The sandbox's own app also writes a line a second into this stream, so "shown" can pass "expected" slightly.
        Console.WriteLine($"Sustained into one rendered viewer: {expected / writeSeconds,7:N0} lines/s written for {writeSeconds:0.0} s; " +
                          $"{Math.Min(shown, expected):N0} of {expected:N0} shown, all by {lastGrowth.TotalSeconds:0.0} s " +
                          $"({Math.Min(shown, expected) / lastGrowth.TotalSeconds:N0} lines/s rendered)");
    }

    private static async Task<int> LineCountAsync(IPage page)
    {
        var text = await page.GetByTestId("log-counts").InnerTextAsync();
        return int.Parse(text.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static async Task<(string TaskId, string Group, string Stream)> RunningTaskStreamAsync(AwsClients aws)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var arns = await aws.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", DesiredStatus = "RUNNING" }, CancellationToken.None);
            if (arns.TaskArns is { Count: > 0 } list)
            {
                var tasks = await aws.Ecs.DescribeTasksBatchedAsync("demo", list, CancellationToken.None);
                if (tasks.FirstOrDefault(t => t.LastStatus == "RUNNING") is { TaskArn: { } arn })
                {
                    var taskId = arn[(arn.LastIndexOf('/') + 1)..];
                    var groups = await aws.Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(), CancellationToken.None);
                    foreach (var g in groups.LogGroups ?? [])
                    {
                        var streams = await aws.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = g.LogGroupName }, CancellationToken.None);
                        if (streams.LogStreams?.FirstOrDefault(s => s.LogStreamName?.EndsWith(taskId, StringComparison.Ordinal) == true) is { } found)
                        {
                            return (taskId, g.LogGroupName!, found.LogStreamName!);
                        }
                    }
                }
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("The sandbox's demo task did not reach RUNNING with a log stream.");
            await Task.Delay(500);
        }
    }
}
