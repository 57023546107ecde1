using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Registry;
using EcsConsole.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EcsConsole.Tests.Core.Registry;

/// <summary>
/// The real registry services over the real AWS clients, with HTTP answered per operation by the
/// test and the audit trail in an in-memory SQLite database.
/// </summary>
public sealed class FakeAwsAccount : HttpMessageHandler, IHttpClientFactory, IDbContextFactory<EcsConsoleDbContext>
{
    public const string Connection = "test";
    public const string Region = "eu-west-1";

    private readonly ConcurrentDictionary<string, Func<JsonObject, HttpResponseMessage>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Operation, JsonObject Body)> _calls = new();
    private readonly SqliteConnection _db = new("Data Source=:memory:");
    private readonly DbContextOptions<EcsConsoleDbContext> _dbOptions;

    public FakeAwsAccount()
    {
        _db.Open();
        _dbOptions = new DbContextOptionsBuilder<EcsConsoleDbContext>().UseSqlite(_db).Options;
        using (var db = CreateDbContext()) db.Database.EnsureCreated();
        var options = Options.Create(new AwsOptions
        {
            MaxAttempts = 1,
            Connections = [new ConnectionOptions { Name = Connection, Region = Region, IsSandbox = true, EndpointUrl = "https://aws.test.invalid/" }],
        });
        var metrics = new AwsCallMetrics();
        Clients = new AwsClientFactory(new ConnectionRegistry(options), new AwsJsonTransport(this, Time, metrics), metrics, this, options);
        Audit = new AuditLog(this, Time);
        Registry = new RegistryService(Clients, new CommandRunner(Audit, NullLogger<CommandRunner>.Instance));
        Usage = new ImageUsageService(Clients, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    public AwsClientFactory Clients { get; }
    public AuditLog Audit { get; }
    public RegistryService Registry { get; }
    public ImageUsageService Usage { get; }

    public IReadOnlyList<(string Operation, JsonObject Body)> Calls => [.. _calls];

    public IReadOnlyList<string> Operations => [.. _calls.Select(c => c.Operation)];

    /// <summary>Answers every call of an operation (AWS JSON 1.1 body) from the request body.</summary>
    public FakeAwsAccount On(string operation, Func<JsonObject, string> json)
    {
        _answers[operation] = body => Json(HttpStatusCode.OK, json(body));
        return this;
    }

    public FakeAwsAccount On(string operation, string json) => On(operation, _ => json);

    public FakeAwsAccount Fail(string operation, HttpStatusCode status, string code, string message)
    {
        _answers[operation] = _ => Json(status, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString());
        return this;
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync()
        => await Audit.QueryAsync(new AuditQuery(), CancellationToken.None);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var text = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
        var body = JsonNode.Parse(text) as JsonObject ?? [];
        _calls.Enqueue((operation, body));
        return _answers.TryGetValue(operation, out var answer)
            ? answer(body)
            : Json(HttpStatusCode.BadRequest, $$"""{"__type":"UnknownOperationException","message":"{{operation}} is not faked"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };

    HttpClient IHttpClientFactory.CreateClient(string name) => new(this, disposeHandler: false);

    public EcsConsoleDbContext CreateDbContext() => new(_dbOptions);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Clients.Dispose();
            _db.Dispose();
        }

        base.Dispose(disposing);
    }
}
