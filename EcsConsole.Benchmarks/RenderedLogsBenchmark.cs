using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Aws.Logs.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace EcsConsole.Benchmarks;

/// <summary>
/// The log viewer end to end, as a person sees it: the built EcsConsole.Web runs as a child process on the
/// sandbox (both on free loopback ports), Debian's Chromium signs in and opens a running task's logs, and this
/// process writes lines into that task's stream with PutLogEvents. A MutationObserver in the page stamps the
/// moment each line first appears in the viewer's DOM; both clocks are this machine's.
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

        var webDll = FindWebAssembly();
        if (webDll is null)
        {
            Console.WriteLine("Rendered in a browser: skipped, EcsConsole.Web is not built (dotnet build -c Release).");
            return;
        }

        var webPort = FreePort();
        var sandboxPort = FreePort();
        var data = Directory.CreateTempSubdirectory("ecsconsole-bench-web-");
        using var web = StartWeb(webDll, webPort, sandboxPort, data.FullName);
        try
        {
            await MeasureAsync(new Uri($"http://127.0.0.1:{webPort}/"), new Uri($"http://127.0.0.1:{sandboxPort}/"));
        }
        finally
        {
            web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
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
        await WaitForHealthAsync(app);
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

    private static Process StartWeb(string webDll, int webPort, int sandboxPort, string dataPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
                 {
                     webDll, "--urls", $"http://127.0.0.1:{webPort}", $"--Sandbox:Port={sandboxPort}", "--Sandbox:Persist=false",
                     "--Sandbox:LogLineInterval=00:00:01", $"--Storage:DataPath={dataPath}", $"--Auth:BootstrapAdmin:Email={Email}",
                     $"--Auth:BootstrapAdmin:Password={Password}", "--Serilog:MinimumLevel:Default=Warning",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [web] {line}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(Uri app)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri(app, "healthz"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"EcsConsole did not answer {app}healthz within 60 s.");
            await Task.Delay(250);
        }
    }

    /// <summary>EcsConsole.Web's built assembly next to this one (…/EcsConsole.Benchmarks/bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
    private static string? FindWebAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent?.Name;
        var root = here.Parent?.Parent?.Parent?.Parent;
        if (root is null || configuration is null) return null;
        var dll = Path.Combine(root.FullName, "EcsConsole.Web", "bin", configuration, tfm, "EcsConsole.Web.dll");
        return File.Exists(dll) ? dll : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
