using EcsConsole.Benchmarks;

// dotnet run -c Release --project EcsConsole.Benchmarks -- live [--interval 1s]
var command = args.FirstOrDefault() ?? "live";
if (command == "logs")
{
    // dotnet run -c Release --project EcsConsole.Benchmarks -- logs
    await LogsBenchmark.RunAsync();
    await RenderedLogsBenchmark.RunAsync();
    return 0;
}

if (command == "logs-rendered")
{
    // Only the browser part of "logs": a line written to the sandbox until it is on screen in Chromium.
    await RenderedLogsBenchmark.RunAsync();
    return 0;
}

if (command != "live")
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project EcsConsole.Benchmarks -- live [--interval SECONDS] | logs | logs-rendered");
    return 2;
}

var interval = args.SkipWhile(a => a != "--interval").Skip(1).FirstOrDefault() is { } s && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var secs)
    ? TimeSpan.FromSeconds(secs)
    : TimeSpan.FromSeconds(1);
await LiveBenchmark.RunAsync(interval);
return 0;
