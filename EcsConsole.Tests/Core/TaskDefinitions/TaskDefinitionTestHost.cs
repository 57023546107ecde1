using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Storage;
using EcsConsole.Core.TaskDefinitions;
using EcsConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Core.TaskDefinitions;

/// <summary>One AWS call as the fake saw it.</summary>
public sealed record RecordedCall(string Operation, JsonObject Body);

/// <summary>Answers AWS JSON 1.1 calls from a script, keyed by operation; records every call.</summary>
public sealed class ScriptedAwsHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<JsonObject, (HttpStatusCode, string)>> _answers = new(StringComparer.Ordinal);

    public List<RecordedCall> Calls { get; } = [];

    public ScriptedAwsHandler On(string operation, Func<JsonObject, string> answer)
    {
        _answers[operation] = body => (HttpStatusCode.OK, answer(body));
        return this;
    }

    public ScriptedAwsHandler Fail(string operation, string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        _answers[operation] = _ => (status, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString());
        return this;
    }

    public IEnumerable<RecordedCall> CallsTo(string operation) => Calls.Where(c => c.Operation == operation);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
        var operation = target[(target.LastIndexOf('.') + 1)..];
        var text = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
        var body = JsonNode.Parse(text) as JsonObject ?? [];
        Calls.Add(new RecordedCall(operation, body));
        var (status, json) = _answers.TryGetValue(operation, out var answer)
            ? answer(body)
            : (HttpStatusCode.BadRequest, $"{{\"__type\":\"UnknownOperationException\",\"message\":\"no script for {operation}\"}}");
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
    }
}

/// <summary>Core services wired as the app wires them, with AWS replaced by a script and SQLite in memory.</summary>
public sealed class TaskDefinitionTestHost : IAsyncDisposable
{
    private readonly TestDatabase _database = new();

    public TaskDefinitionTestHost(ScriptedAwsHandler? handler = null)
    {
        Handler = handler ?? new ScriptedAwsHandler();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddAwsAccess();
        services.Configure<AwsOptions>(o =>
        {
            o.MaxAttempts = 1;
            o.Connections.Add(new ConnectionOptions { Name = "test", Region = "us-east-1", EndpointUrl = "http://aws.test/", IsSandbox = true });
        });
        services.AddHttpClient(AwsJsonTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        services.AddDbContextFactory<EcsConsoleDbContext>(o => o.UseSqlite(_database.ConnectionString));
        services.AddSingleton<EcsConsole.Core.Audit.AuditLog>();
        services.AddSingleton<EcsConsole.Core.Commands.CommandRunner>();
        services.AddTaskDefinitions();
        Services = services.BuildServiceProvider();
    }

    public ScriptedAwsHandler Handler { get; }
    public ServiceProvider Services { get; }
    public TaskDefinitionService TaskDefinitions => Services.GetRequiredService<TaskDefinitionService>();
    public TaskDefinitionDraftStore Drafts => Services.GetRequiredService<TaskDefinitionDraftStore>();

    public async Task<List<EcsConsole.Core.Audit.AuditEntry>> AuditAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<EcsConsoleDbContext>>().CreateDbContextAsync();
        return await db.Set<EcsConsole.Core.Audit.AuditEntry>().OrderBy(e => e.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>Drafts the tests start from.</summary>
public static class Drafts
{
    /// <summary>The tutorial's FastAPI task: one container on port 80, 0.25 vCPU, 0.5 GB, awslogs.</summary>
    public static TaskDefinitionDraft FastApi() => new()
    {
        Family = "fastapi",
        Cpu = 256,
        Memory = 512,
        ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        Containers =
        [
            new ContainerDraft
            {
                Name = "app",
                Image = "public.ecr.aws/docker/library/python:3.12",
                Essential = true,
                PortMappings = [new PortMappingDraft { ContainerPort = 80 }],
                Environment = [new EnvironmentVariableDraft { Name = "GREETING", Value = "hello" }],
                Command = "uvicorn main:app --host 0.0.0.0 --port 80",
            },
        ],
    };
}
