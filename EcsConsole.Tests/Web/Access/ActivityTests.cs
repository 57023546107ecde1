using System.Net;
using EcsConsole.Core.Access;
using EcsConsole.Core.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Web.Access;

public sealed class ActivityTests : IAsyncLifetime
{
    private const string Payload = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
    private readonly TestConsoleApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task RunAsync(string user, string resource, string? reason, IReadOnlyDictionary<string, string>? parameters = null)
        => _app.Services.GetRequiredService<CommandRunner>().RunAsync(
            new CommandRequest(new ConsoleUser(user, user, ConsoleRole.Operator, "203.0.113.9"), ConsolePermission.StopTasks, "StopTask",
                new AwsTarget("sandbox", "us-east-1"), resource, parameters, reason),
            _ => Task.FromResult(1), _ => "stopped", Ct);

    [Fact]
    public async Task A_script_in_a_reason_or_parameter_is_shown_as_text_on_the_Activity_page()
    {
        await RunAsync("op@example.test", "arn:aws:ecs:us-east-1:1:task/web/abc", Payload, new Dictionary<string, string> { ["note"] = Payload });
        using var client = _app.CreateBrowserClient();
        await client.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);

        var html = await client.GetStringAsync("/activity", Ct);
        Assert.Contains("Reason: &lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>document.title", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_export_follows_the_filters_and_quotes_commas_quotes_line_breaks_and_formulas()
    {
        await RunAsync("alice@example.test", "arn:task/one", "first, \"quoted\"\nsecond line");
        await RunAsync("alice@example.test", "arn:task/two", "=HYPERLINK(\"http://evil\")");
        await RunAsync("bob@example.test", "arn:task/three", "bob's");
        using var client = _app.CreateBrowserClient();
        await client.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);

        using var response = await client.GetAsync("/activity/export.csv?person=alice", Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment; filename=\"ecsconsole-activity-", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("StartedAtUtc,CompletedAtUtc,Person,", rows[0], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",Succeeded,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",\"first, \"\"quoted\"\"\nsecond line\",Succeeded,", rows[2], StringComparison.Ordinal);
        Assert.DoesNotContain("bob", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_export_needs_a_signed_in_user()
    {
        await RunAsync("alice@example.test", "arn:task/one", "secret reason");
        using var client = _app.CreateBrowserClient();
        using var response = await client.GetAsync("/activity/export.csv", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("secret reason", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
