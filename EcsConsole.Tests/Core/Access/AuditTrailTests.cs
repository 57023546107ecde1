using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Commands;

namespace EcsConsole.Tests.Core.Access;

public sealed class AuditTrailTests
{
    private static readonly ConsoleUser Operator = new("op-1", "op@example.test", ConsoleRole.Operator, "192.0.2.7");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CommandRequest Stop(string resource) => new(Operator, ConsolePermission.StopTasks, "StopTask",
        new AwsTarget("sandbox", "us-east-1"), resource, new Dictionary<string, string> { ["cluster"] = "web" }, "deploy stuck");

    [Fact]
    public async Task A_command_AWS_refuses_is_recorded_as_failed_with_AWS_s_sentence()
    {
        await using var host = await AccessTestHost.StartAsync();
        var result = await host.Get<CommandRunner>().RunAsync<int>(Stop("arn:task/failing"),
            _ => throw new AwsServiceException("ecs", "StopTask", "ClusterNotFoundException", "Cluster not found.", AwsErrorKind.NotFound),
            _ => "stopped", Ct);

        Assert.False(result.Succeeded);
        var entry = Assert.Single(await host.Get<AuditLog>().QueryAsync(new AuditQuery(Resource: "arn:task/failing"), Ct));
        Assert.Equal(AuditOutcome.Failed, entry.Outcome);
        Assert.Equal("AWS could not find what StopTask asked for. AWS said: Cluster not found.", entry.Error);
        Assert.Equal("{\"cluster\":\"web\"}", entry.Parameters);
        Assert.Equal("deploy stuck", entry.Reason);
    }

    [Fact]
    public async Task Input_rejected_before_the_AWS_call_is_recorded_as_rejected()
    {
        await using var host = await AccessTestHost.StartAsync();
        var result = await host.Get<CommandRunner>().RunAsync<int>(Stop("arn:task/rejected"),
            _ => throw new CommandRejectedException("Give a reason of at most 255 characters."), _ => "stopped", Ct);

        Assert.Equal("Give a reason of at most 255 characters.", result.Message);
        var entry = Assert.Single(await host.Get<AuditLog>().QueryAsync(new AuditQuery(Outcome: AuditOutcome.Rejected), Ct));
        Assert.Equal("arn:task/rejected", entry.Resource);
    }

    [Fact]
    public async Task A_command_still_running_when_the_process_dies_leaves_an_unfinished_entry_the_next_start_sees()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "ecsconsole-tests", Guid.NewGuid().ToString("n"));
        var awsCallStarted = new TaskCompletionSource();
        var host = await AccessTestHost.StartAsync(dataPath);
        _ = host.Get<CommandRunner>().RunAsync(Stop("arn:task/hanging"), async _ =>
        {
            awsCallStarted.SetResult();
            // The AWS call never answers: the process "dies" while waiting for it.
            await new TaskCompletionSource().Task;
            return 0;
        }, _ => "stopped", CancellationToken.None);
        await awsCallStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await host.DisposeAsync();

        await using var restarted = await AccessTestHost.StartAsync(dataPath);
        var entry = Assert.Single(await restarted.Get<AuditLog>().QueryAsync(new AuditQuery(Resource: "arn:task/hanging"), Ct));
        Assert.Equal(AuditOutcome.Unfinished, entry.Outcome);
        Assert.Null(entry.CompletedAt);
        Assert.Equal("op@example.test", entry.UserName);
        Assert.Equal("192.0.2.7", entry.ClientIp);
    }
}
