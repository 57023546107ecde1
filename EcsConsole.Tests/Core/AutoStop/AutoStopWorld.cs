using System.Net;
using System.Text.Json.Nodes;
using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Core.Running;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.AutoStop;

/// <summary>
/// Auto-stop over the real clients and database of <see cref="RunningWorld"/>: a one-task ECS that answers
/// DescribeTasks and StopTask (and can fail like AWS does), and schedulers built fresh on demand ("a restart").
/// </summary>
public sealed class AutoStopWorld : IAsyncDisposable
{
    public const string Cluster = "demo";
    public const string TaskArn = "arn:aws:ecs:eu-west-1:123456789012:task/demo/0123456789abcdef0123456789abcdef";

    public AutoStopWorld()
    {
        Options = Microsoft.Extensions.Options.Options.Create(new AutoStopOptions());
        Timers = new AutoStopService(World.Db, World.Commands, Signal, Options, World.Aws.Time);
        Commands = new EcsTaskCommands(World.Aws.Factory, World.Commands);
        World.On("DescribeTasks", r =>
        {
            if (Failure is { } f) return RecordingHttpHandler.AwsError(f.Status, f.Type, "Rate exceeded");
            var asked = (string?)r.Json!["tasks"]![0];
            if (!Exists) return Json(new JsonObject { ["tasks"] = new JsonArray(), ["failures"] = new JsonArray(new JsonObject { ["arn"] = asked, ["reason"] = "MISSING" }) });
            return Json(new JsonObject { ["tasks"] = new JsonArray(Task(AnsweredArn ?? TaskArn)), ["failures"] = new JsonArray() });
        });
        World.On("StopTask", r =>
        {
            if (StopFailure is { } f) return RecordingHttpHandler.AwsError(f.Status, f.Type, "Service unavailable");
            StoppedReason = (string?)r.Json!["reason"];
            Status = "STOPPED";
            return Json(new JsonObject { ["task"] = Task(TaskArn) });
        });
    }

    // One attempt per call: the transport's own retries would wait on the fake clock; the scheduler's retries are under test.
    public RunningWorld World { get; } = new(o => o.MaxAttempts = 1);
    public IOptions<AutoStopOptions> Options { get; }
    public SchedulerSignal Signal { get; } = new();
    public AutoStopService Timers { get; }
    public EcsTaskCommands Commands { get; }
    public ObservableTimeProvider Time => World.Aws.Time;

    public string Status { get; set; } = "RUNNING";
    public bool Exists { get; set; } = true;

    /// <summary>When set, DescribeTasks answers about this ARN instead of the one asked for.</summary>
    public string? AnsweredArn { get; set; }
    public string? StoppedReason { get; private set; }
    public (HttpStatusCode Status, string Type)? Failure { get; set; }
    public (HttpStatusCode Status, string Type)? StopFailure { get; set; }

    public int StopCalls => World.Calls("StopTask").Count;

    /// <summary>What the schedulers logged at warning level and above.</summary>
    public CollectingLogger<AutoStopScheduler> SchedulerLog { get; } = new();

    /// <summary>A new scheduler over the same database, as after an app restart.</summary>
    public AutoStopScheduler NewScheduler()
        => new(World.Db, World.Aws.Factory, Commands, Signal, Options, Time, SchedulerLog);

    private JsonObject Task(string arn) => new()
    {
        ["taskArn"] = arn,
        ["clusterArn"] = "arn:aws:ecs:eu-west-1:123456789012:cluster/demo",
        ["lastStatus"] = Status,
        ["desiredStatus"] = Status == "STOPPED" ? "STOPPED" : "RUNNING",
        ["stoppedReason"] = StoppedReason,
    };

    private static HttpResponseMessage Json(JsonObject o) => RecordingHttpHandler.Json(o.ToJsonString());

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
