using System.Net;
using System.Text.RegularExpressions;

namespace EcsConsole.Tests.Web.Access;

public sealed partial class FirstRunSetupTests : IAsyncLifetime
{
    private readonly TestConsoleApp _app = new(bootstrapAdmin: false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_setup_link_printed_in_the_log_creates_the_first_admin_and_then_stops_working()
    {
        using var first = _app.CreateBrowserClient();
        var link = SetupLink().Match(string.Join("\n", _app.Logs.Messages));
        Assert.True(link.Success, "no setup link in the log:\n" + string.Join("\n", _app.Logs.Messages));
        var setupPage = link.Groups[1].Value;

        using var created = await first.PostFormAsync(setupPage, "/auth/setup", new Dictionary<string, string>
        {
            ["token"] = link.Groups[2].Value,
            ["email"] = "first.admin@example.test",
            ["password"] = "first-admin-password",
            ["confirm"] = "first-admin-password",
        });
        Assert.Equal("/", created.Headers.Location!.OriginalString);
        var home = await first.GetStringAsync("/", Ct);
        Assert.Contains("data-testid=\"current-user-role\">Admin<", home, StringComparison.Ordinal);

        using var second = _app.CreateBrowserClient();
        var again = await second.GetStringAsync(setupPage, Ct);
        Assert.Contains("This setup link has already been used.", again, StringComparison.Ordinal);
        Assert.DoesNotContain("create-admin", again, StringComparison.Ordinal);
        using var replay = await second.PostFormAsync("/account/sign-in", "/auth/setup", new Dictionary<string, string>
        {
            ["token"] = link.Groups[2].Value,
            ["email"] = "intruder@example.test",
            ["password"] = "intruder-password",
            ["confirm"] = "intruder-password",
        });
        Assert.Contains("already%20been%20used", replay.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var stillOut = await second.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
        await second.SignInOrFailAsync("first.admin@example.test", "first-admin-password");
    }

    [Fact]
    public async Task A_mistyped_confirmation_keeps_the_link_usable_and_says_why()
    {
        using var client = _app.CreateBrowserClient();
        var link = SetupLink().Match(string.Join("\n", _app.Logs.Messages));
        using var response = await client.PostFormAsync(link.Groups[1].Value, "/auth/setup", new Dictionary<string, string>
        {
            ["token"] = link.Groups[2].Value,
            ["email"] = "first.admin@example.test",
            ["password"] = "first-admin-password",
            ["confirm"] = "first-admin-passwort",
        });
        var page = await client.GetStringAsync(response.Headers.Location, Ct);
        Assert.Contains("The two passwords differ.", page, StringComparison.Ordinal);
        Assert.Contains("create-admin", page, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(/account/setup\?token=([A-Za-z0-9_-]+))")]
    private static partial Regex SetupLink();
}
