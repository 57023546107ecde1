using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Commands;

namespace EcsConsole.Tests.Core.Access;

/// <summary>Every command permission × every role, on the server side (no UI): allowed or refused, and audited either way.</summary>
public sealed class CommandRunnerMatrixTests : IAsyncLifetime
{
    // The table of roles, written out independently of AccessPolicy.
    private static readonly ConsolePermission[] OperatorMay =
        [ConsolePermission.RunTasks, ConsolePermission.StopTasks, ConsolePermission.ScaleServices, ConsolePermission.SetTimers];

    // Everyone signed in may change their own password.
    private static readonly ConsolePermission[] EveryoneMay = [ConsolePermission.ChangeOwnPassword];

    private AccessTestHost _host = null!;

    public static TheoryData<ConsolePermission, ConsoleRole> Matrix()
    {
        var data = new TheoryData<ConsolePermission, ConsoleRole>();
        foreach (var permission in Enum.GetValues<ConsolePermission>())
        {
            foreach (var role in Enum.GetValues<ConsoleRole>()) data.Add(permission, role);
        }

        return data;
    }

    public async ValueTask InitializeAsync() => _host = await AccessTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_run_exactly_the_commands_its_description_promises(ConsolePermission permission, ConsoleRole role)
    {
        var expectedAllowed = role switch
        {
            ConsoleRole.Viewer => EveryoneMay.Contains(permission),
            ConsoleRole.Operator => OperatorMay.Contains(permission) || EveryoneMay.Contains(permission),
            _ => true,
        };
        var actor = new ConsoleUser($"id-{role}", $"{role.ToString().ToLowerInvariant()}@example.test", role, "10.1.2.3");
        var resource = $"arn:aws:ecs:us-east-1:123456789012:thing/{permission}-{role}";
        var awsCalled = false;

        var result = await _host.Get<CommandRunner>().RunAsync(
            new CommandRequest(actor, permission, permission.ToString(), new AwsTarget("sandbox", "us-east-1"), resource,
                new Dictionary<string, string> { ["count"] = "2" }, "matrix"),
            _ =>
            {
                awsCalled = true;
                return Task.FromResult(42);
            },
            v => $"done {v}",
            TestContext.Current.CancellationToken);

        Assert.Equal(expectedAllowed, result.Succeeded);
        Assert.Equal(expectedAllowed, awsCalled);
        var entry = Assert.Single(await _host.Get<AuditLog>().QueryAsync(new AuditQuery(Resource: resource), TestContext.Current.CancellationToken));
        Assert.Equal(actor.Name, entry.UserName);
        Assert.Equal("10.1.2.3", entry.ClientIp);
        Assert.Equal("matrix", entry.Reason);
        Assert.NotNull(entry.CompletedAt);
        if (expectedAllowed)
        {
            Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
            Assert.Equal("done 42", result.Message);
        }
        else
        {
            Assert.True(result.Refused);
            Assert.Equal(AuditOutcome.Refused, entry.Outcome);
            Assert.Contains($"Your role ({role}) cannot", result.Message, StringComparison.Ordinal);
            Assert.Equal(result.Message, entry.Error);
        }
    }
}
