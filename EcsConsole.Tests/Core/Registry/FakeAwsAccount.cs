using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Registry;
using EcsConsole.Core.Storage;
using EcsConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsConsole.Tests.Core.Registry;

/// <summary>
/// The registry services over the real AWS clients of an <see cref="AwsTestHarness"/>, with each
/// operation answered by the test (from the request body) and the audit trail in in-memory SQLite.
/// </summary>
public sealed class FakeAwsAccount : IDbContextFactory<EcsConsoleDbContext>, IDisposable
{
    public const string Connection = "test";
    public const string Region = AwsTestHarness.Region;

    private readonly AwsTestHarness _harness = new(o => o.MaxAttempts = 1);
    private readonly ConcurrentDictionary<string, Func<JsonObject, Task<HttpResponseMessage>>> _answers = new(StringComparer.Ordinal);
    private readonly TestDatabase _db = new();

    public FakeAwsAccount()
    {
        _harness.Http.Fallback = (request, _) => _answers.TryGetValue(request.Operation ?? "", out var answer)
            ? answer(request.Json as JsonObject ?? [])
            : Task.FromResult(RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "UnknownOperationException", $"{request.Operation} is not faked"));
        Audit = new AuditLog(this, Time);
        Registry = new RegistryService(_harness.Factory, new CommandRunner(Audit, NullLogger<CommandRunner>.Instance));
        Usage = new ImageUsageService(_harness.Factory, Time);
    }

    public ObservableTimeProvider Time => _harness.Time;
    public EcsConsole.Core.Aws.ConnectionRegistry Connections => _harness.Registry;
    public AuditLog Audit { get; }
    public RegistryService Registry { get; }
    public ImageUsageService Usage { get; }

    public IReadOnlyList<(string Operation, JsonObject Body)> Calls
        => [.. _harness.Http.Requests.Select(r => (r.Operation ?? "", r.Json as JsonObject ?? []))];

    public IReadOnlyList<string> Operations => [.. Calls.Select(c => c.Operation)];

    /// <summary>Answers every call of an operation from the request body.</summary>
    public FakeAwsAccount On(string operation, Func<JsonObject, string> json)
    {
        _answers[operation] = body => Task.FromResult(RecordingHttpHandler.Json(json(body)));
        return this;
    }

    /// <summary>Holds every call of an operation until the returned source is given the answer (to see loading states).</summary>
    public TaskCompletionSource<string> Hold(string operation)
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers[operation] = async _ => RecordingHttpHandler.Json(await answer.Task);
        return answer;
    }

    public FakeAwsAccount On(string operation, string json) => On(operation, _ => json);

    public FakeAwsAccount Fail(string operation, HttpStatusCode status, string code, string message)
    {
        _answers[operation] = _ => Task.FromResult(RecordingHttpHandler.AwsError(status, code, message));
        return this;
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync()
        => await Audit.QueryAsync(new AuditQuery(), CancellationToken.None);

    public EcsConsoleDbContext CreateDbContext() => _db.CreateDbContext();

    public void Dispose()
    {
        _harness.Dispose();
        _db.Dispose();
    }
}
