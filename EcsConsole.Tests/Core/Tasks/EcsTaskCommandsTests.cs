using System.Net;
using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Tasks;
using EcsConsole.Tests.Core.Live;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsConsole.Tests.Core.Tasks;

/// <summary>Stopping tasks: what AWS receives, what the person reads, what the audit trail keeps.</summary>
public sealed class EcsTaskCommandsTests : IDisposable
{
    private static readonly ConsoleUser Operator = new("u1", "Olga Operator", ConsoleRole.Operator, "10.0.0.9");
    private static readonly ConsoleUser Viewer = new("u2", "Vic Viewer", ConsoleRole.Viewer);
    private readonly AwsTestHarness _aws = new(o => o.MaxAttempts = 1);
    private readonly FakeEcsAccount _account;
    private readonly TestDatabase _db = new();
    private readonly AuditLog _audit;
    private readonly EcsTaskCommands _commands;
    private readonly AwsTarget _target = new("test", AwsTestHarness.Region);

    public EcsTaskCommandsTests()
    {
        _account = new FakeEcsAccount(_aws);
        _audit = new AuditLog(_db, _aws.Time);
        _commands = new EcsTaskCommands(_aws.Factory, new CommandRunner(_audit, NullLogger<CommandRunner>.Instance));
    }

    private Task<IReadOnlyList<AuditEntry>> AuditAsync() => _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task StoppingSendsTheReasonWithThePersonsNameAndAuditsEachTask()
    {
        _account.AddTask("a");
        _account.AddTask("b");

        var result = await _commands.StopAsync(Operator, _target, FakeEcsAccount.Cluster,
            [FakeEcsAccount.TaskArn("a"), FakeEcsAccount.TaskArn("b")], "load test finished", TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal("2 tasks stopping.", result.Message);
        var stops = _aws.Http.Requests.Where(r => r.Operation == "StopTask").ToList();
        Assert.Equal(2, stops.Count);
        Assert.All(stops, s => Assert.Equal("Stopped by Olga Operator via EcsConsole: load test finished", (string?)s.Json!["reason"]));
        var audit = await AuditAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal((AuditOutcome.Succeeded, "StopTask", "load test finished", "Olga Operator"), (e.Outcome, e.Action, e.Reason, e.UserName)));
        Assert.Contains(audit, e => e.Resource == "demo/a");
    }

    [Fact]
    public void TheAwsReasonNeverExceeds255CharactersAndKeepsTheName()
    {
        var reason = EcsTaskCommands.AwsReason(Operator, new string('x', 400));

        Assert.Equal(255, reason.Length);
        Assert.StartsWith("Stopped by Olga Operator via EcsConsole: xxx", reason);
        Assert.EndsWith("…", reason);
    }

    [Fact]
    public async Task StoppingAnAlreadyStoppingTaskIsNotAnError()
    {
        _account.AddTask("a");
        await _commands.StopAsync(Operator, _target, FakeEcsAccount.Cluster, [FakeEcsAccount.TaskArn("a")], "first", TestContext.Current.CancellationToken);

        var again = await _commands.StopAsync(Operator, _target, FakeEcsAccount.Cluster, [FakeEcsAccount.TaskArn("a")], "second", TestContext.Current.CancellationToken);

        Assert.True(again.Succeeded);
        Assert.Equal("Task a was already stopped.", again.Message);
        Assert.Equal(EcsTaskStopOutcome.AlreadyStopped, Assert.Single(again.Value!.Results).Outcome);
    }

    [Fact]
    public async Task AViewerIsRefusedAndNothingReachesAws()
    {
        _account.AddTask("a");

        var result = await _commands.StopAsync(Viewer, _target, FakeEcsAccount.Cluster, [FakeEcsAccount.TaskArn("a")], "no", TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.True(result.Refused);
        Assert.Contains("Your role (Viewer) cannot stop tasks", result.Message);
        Assert.Empty(_aws.Http.Requests);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(await AuditAsync()).Outcome);
    }

    [Theory]
    [InlineData("", 1, "Say why the task is being stopped")]
    [InlineData("   ", 1, "Say why the task is being stopped")]
    [InlineData("ok", 0, "Select at least one task")]
    [InlineData("ok", 101, "At most 100 tasks")]
    public async Task BadInputIsRejectedBeforeAnyAwsCall(string reason, int count, string message)
    {
        var arns = Enumerable.Range(0, count).Select(i => FakeEcsAccount.TaskArn($"t{i}")).ToList();

        var result = await _commands.StopAsync(Operator, _target, FakeEcsAccount.Cluster, arns, reason, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.StartsWith(message, result.Message);
        Assert.Empty(_aws.Http.Requests);
        Assert.Equal(AuditOutcome.Rejected, Assert.Single(await AuditAsync()).Outcome);
    }

    [Fact]
    public async Task AnAwsErrorBecomesASentencePerTask()
    {
        _account.AddTask("a");

        var result = await _commands.StopAsync(Operator, _target, FakeEcsAccount.Cluster,
            [FakeEcsAccount.TaskArn("a"), FakeEcsAccount.TaskArn("forgotten")], "cleanup", TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("1 task stopping; 1 failed (forgotten: AWS rejected the StopTask request as invalid. AWS said: The referenced task was not found.).", result.Message);
        Assert.Contains(await AuditAsync(), e => e.Outcome == AuditOutcome.Failed && e.Error!.Contains("not found"));
    }

    public void Dispose()
    {
        _aws.Dispose();
        _db.Dispose();
    }
}
