using EcsConsole.Core.Audit;
using EcsConsole.Tests.E2E.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Access;

/// <summary>
/// The audit entry is written before the AWS call: a console killed (SIGKILL) while StopTask waits for
/// AWS leaves an Unfinished entry, which the restarted console shows in Activity.
/// </summary>
public sealed class ProcessDeathAuditTests : IAsyncLifetime
{
    private const string Email = "admin.death@example.test";
    private const string Password = "a long passphrase for the kill test";
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("ecsconsole-kill-");
    private Chromium _chromium = null!;

    public async ValueTask InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    private Task<ConsoleProcess> StartAsync(bool stopTaskHangs) => ConsoleProcess.StartAsync(_data.FullName, new Dictionary<string, string>
    {
        ["Auth:BootstrapAdmin:Email"] = Email,
        ["Auth:BootstrapAdmin:Password"] = Password,
        ["Sandbox:Persist"] = "false",
        // StopTask reaches the sandbox and gets no answer for five minutes (the most a fault rule allows).
        ["Sandbox:Faults:0:Service"] = "ecs",
        ["Sandbox:Faults:0:Operation"] = "StopTask",
        ["Sandbox:Faults:0:Latency"] = stopTaskHangs ? "00:05:00" : "00:00:00",
    });

    private async Task<AuditEntry[]> StopTaskEntriesAsync()
    {
        // Read-only and unpooled: the file belongs to the app (or to what is left of it).
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_data.FullName, "ecsconsole.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT Resource, UserName, Outcome, CompletedAt, Reason FROM AuditEntries WHERE Action = 'StopTask'";
        var entries = new List<AuditEntry>();
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            entries.Add(new AuditEntry
            {
                Resource = reader.GetString(0),
                UserName = reader.GetString(1),
                Outcome = Enum.Parse<AuditOutcome>(reader.GetString(2)),
                CompletedAt = reader.IsDBNull(3) ? null : DateTimeOffset.UnixEpoch,
                Reason = reader.IsDBNull(4) ? null : reader.GetString(4),
            });
        }

        return [.. entries];
    }

    [Fact]
    public async Task A_console_killed_during_StopTask_leaves_an_unfinished_entry_that_the_next_start_shows()
    {
        string taskId;
        await using (var app = await StartAsync(stopTaskHangs: true))
        {
            var page = await _chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.SignInAsync(app.Address, Email, Password, "/c/sandbox/us-east-1/clusters/demo?tab=tasks");
            var row = page.GetByTestId("tasks-table").Locator("tbody tr").Filter(new() { Has = page.Locator("[data-status=RUNNING]") }).First;
            await Assertions.Expect(row).ToContainTextAsync("fastapi-demo", new() { Timeout = 60_000 });
            await row.GetByTestId("task-link").ClickAsync();
            await page.WaitForURLAsync("**/tasks/*");
            taskId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

            await page.GetByTestId("stop-task").ClickAsync();
            await page.GetByTestId("stop-reason").FillAsync("killed mid-call");
            await page.GetByTestId("confirm-stop").ClickAsync();

            // The entry exists while the AWS call is still waiting: then the process dies.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await StopTaskEntriesAsync()).Length == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "No StopTask audit entry was written within 30 s of the click.");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            await app.KillAsync();
        }

        var entry = Assert.Single(await StopTaskEntriesAsync());
        Assert.Equal(AuditOutcome.Unfinished, entry.Outcome);
        Assert.Null(entry.CompletedAt);
        Assert.EndsWith(taskId, entry.Resource);
        Assert.Equal(Email, entry.UserName);
        Assert.Equal("killed mid-call", entry.Reason);

        await using var restarted = await StartAsync(stopTaskHangs: false);
        var activity = await _chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await activity.SignInAsync(restarted.Address, Email, Password, "/activity");
        var shown = activity.GetByTestId("audit-row").Filter(new() { HasText = "StopTask" });
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await Assertions.Expect(shown.GetByTestId("audit-outcome")).ToHaveTextAsync("Unfinished");
        await Assertions.Expect(shown).ToContainTextAsync(taskId);
    }
}
