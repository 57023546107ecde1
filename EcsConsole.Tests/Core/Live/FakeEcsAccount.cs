using System.Net;
using System.Text.Json.Nodes;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Core.Live;

/// <summary>
/// A tiny ECS + EC2 account behind a <see cref="RecordingHttpHandler"/>: services and tasks that tests
/// change directly, answered with ECS's paging (100 per page) and batch rules, so the watcher's
/// real clients can be counted call by call.
/// </summary>
public sealed class FakeEcsAccount
{
    public const string Cluster = "demo";
    private const string Prefix = "arn:aws:ecs:eu-west-1:123456789012";
    private readonly object _gate = new();

    public FakeEcsAccount(AwsTestHarness aws)
    {
        Aws = aws;
        aws.Http.Fallback = (request, _) => Task.FromResult(Answer(request));
    }

    public AwsTestHarness Aws { get; }

    public Dictionary<string, JsonObject> Tasks { get; } = [];

    public Dictionary<string, JsonObject> Services { get; } = [];

    /// <summary>When set, every call fails with this AWS error type (e.g. ThrottlingException).</summary>
    public (HttpStatusCode Status, string Type, string Message)? Failure { get; set; }

    public static string TaskArn(string id) => $"{Prefix}:task/{Cluster}/{id}";

    public JsonObject AddTask(string id, string status = "RUNNING", string? service = null, string? publicIp = "203.0.113.10")
    {
        var task = new JsonObject
        {
            ["taskArn"] = TaskArn(id),
            ["clusterArn"] = $"{Prefix}:cluster/{Cluster}",
            ["taskDefinitionArn"] = $"{Prefix}:task-definition/web:3",
            ["lastStatus"] = status,
            ["desiredStatus"] = status == "STOPPED" ? "STOPPED" : "RUNNING",
            ["launchType"] = "FARGATE",
            ["cpu"] = "256",
            ["memory"] = "512",
            ["group"] = service is null ? "family:web" : $"service:{service}",
            ["startedBy"] = service is null ? "alice" : "ecs-svc/1",
            ["createdAt"] = 1773480413,
            ["startedAt"] = 1773480433,
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["type"] = "ElasticNetworkInterface",
                ["status"] = "ATTACHED",
                ["details"] = new JsonArray(
                    new JsonObject { ["name"] = "networkInterfaceId", ["value"] = $"eni-{id}" },
                    new JsonObject { ["name"] = "privateIPv4Address", ["value"] = "10.0.0.5" },
                    new JsonObject { ["name"] = "subnetId", ["value"] = "subnet-1" }),
            }),
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "web:latest", ["lastStatus"] = status }),
            ["publicIp"] = publicIp,
        };
        lock (_gate) Tasks[TaskArn(id)] = task;
        return task;
    }

    public void SetStatus(string id, string lastStatus, string? desired = null)
    {
        lock (_gate)
        {
            Tasks[TaskArn(id)]["lastStatus"] = lastStatus;
            if (desired is not null) Tasks[TaskArn(id)]["desiredStatus"] = desired;
        }
    }

    public void AddService(string name, int desired = 1)
    {
        lock (_gate)
        {
            Services[$"{Prefix}:service/{Cluster}/{name}"] = new JsonObject
            {
                ["serviceArn"] = $"{Prefix}:service/{Cluster}/{name}",
                ["serviceName"] = name,
                ["status"] = "ACTIVE",
                ["desiredCount"] = desired,
                ["runningCount"] = desired,
                ["pendingCount"] = 0,
                ["taskDefinition"] = $"{Prefix}:task-definition/web:3",
            };
        }
    }

    public int Calls(string operation) => Aws.Http.Requests.Count(r => r.Operation == operation);

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        if (Failure is { } f)
        {
            return request.Target is null
                ? RecordingHttpHandler.Xml(Ec2Xml.Error(f.Type, f.Message), f.Status)
                : RecordingHttpHandler.AwsError(f.Status, f.Type, f.Message);
        }

        lock (_gate)
        {
            var body = request.Target is null ? [] : request.Json?.AsObject() ?? [];
            return request.Operation switch
            {
                "ListServices" => Page(Services.Keys, body, "serviceArns"),
                "DescribeServices" => Json(new JsonObject
                {
                    ["services"] = new JsonArray([.. Strings(body["services"]).Select(a => (JsonNode)Services[a].DeepClone())]),
                }),
                "ListTasks" => Page(Tasks.Where(t => (string?)t.Value["desiredStatus"] == (string?)body["desiredStatus"]).Select(t => t.Key), body, "taskArns"),
                "DescribeTasks" => Json(new JsonObject
                {
                    ["tasks"] = new JsonArray([.. Strings(body["tasks"]).Where(Tasks.ContainsKey).Select(a => (JsonNode)Strip(Tasks[a]))]),
                    ["failures"] = new JsonArray(),
                }),
                "DescribeTaskDefinition" => Json(new JsonObject
                {
                    ["taskDefinition"] = new JsonObject
                    {
                        ["taskDefinitionArn"] = (string?)body["taskDefinition"],
                        ["containerDefinitions"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "app",
                            ["essential"] = true,
                            ["portMappings"] = new JsonArray(new JsonObject { ["containerPort"] = 8000, ["protocol"] = "tcp" }),
                        }),
                    },
                }),
                "StopTask" => StopTask(body),
                "UpdateService" => UpdateService(body),
                "DescribeNetworkInterfaces" => RecordingHttpHandler.Xml(Ec2Xml.NetworkInterfaces(
                    request.FormValues("Filter.1.Value.")
                        .Select(eni => (eni, Task: Tasks.Values.FirstOrDefault(t => $"eni-{EcsId(t)}" == eni)))
                        .Where(x => x.Task is not null && (string?)x.Task["lastStatus"] != "STOPPED")
                        .Select(x => (x.eni, (string?)x.Task!["publicIp"])))),
                _ => RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "UnknownOperationException", request.Operation ?? "?"),
            };
        }
    }

    private HttpResponseMessage StopTask(JsonObject body)
    {
        var arn = (string?)body["task"] ?? "";
        if (!Tasks.TryGetValue(arn, out var task)) return RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "InvalidParameterException", "The referenced task was not found.");
        if ((string?)task["desiredStatus"] != "STOPPED")
        {
            task["desiredStatus"] = "STOPPED";
            task["stoppedReason"] = (string?)body["reason"];
            task["stopCode"] = "UserInitiated";
        }

        return Json(new JsonObject { ["task"] = Strip(task) });
    }

    private HttpResponseMessage UpdateService(JsonObject body)
    {
        var service = Services.Values.FirstOrDefault(s => (string?)s["serviceName"] == (string?)body["service"]);
        if (service is null) return RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "ServiceNotFoundException", "Service not found.");
        service["desiredCount"] = (int?)body["desiredCount"];
        return Json(new JsonObject { ["service"] = service.DeepClone() });
    }

    private static string EcsId(JsonObject task) => ((string)task["taskArn"]!).Split('/')[^1];

    private static JsonObject Strip(JsonObject task)
    {
        var copy = task.DeepClone().AsObject();
        copy.Remove("publicIp");
        return copy;
    }

    private static HttpResponseMessage Page(IEnumerable<string> all, JsonObject body, string member)
    {
        var items = all.Order(StringComparer.Ordinal).ToList();
        var start = int.TryParse((string?)body["nextToken"], out var s) ? s : 0;
        var max = (int?)body["maxResults"] ?? 100;
        var page = items.Skip(start).Take(max).ToList();
        var result = new JsonObject { [member] = new JsonArray([.. page.Select(a => (JsonNode)a)]) };
        if (start + max < items.Count) result["nextToken"] = (start + max).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Json(result);
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node?.AsArray().Select(n => (string)n!) ?? [];

    private static HttpResponseMessage Json(JsonObject o) => RecordingHttpHandler.Json(o.ToJsonString());
}
