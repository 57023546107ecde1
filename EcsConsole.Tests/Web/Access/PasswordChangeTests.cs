using System.Net;
using EcsConsole.Core.Access;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Web.Access;

/// <summary>Temporary passwords from an admin are replaced at the first sign-in, through the real forms and cookies.</summary>
public sealed class PasswordChangeTests : IAsyncLifetime
{
    private readonly TestConsoleApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<string> NewAccountWithTemporaryPasswordAsync(string email)
    {
        var admin = new ConsoleUser("admin", TestConsoleApp.AdminEmail, ConsoleRole.Admin);
        var created = await _app.Services.GetRequiredService<AccountAdministration>().CreateAsync(admin, email, ConsoleRole.Operator, Ct);
        Assert.True(created.Succeeded, created.Message);
        return created.Value!.TemporaryPassword;
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string password, string confirm, string returnUrl = "/")
        => client.PostFormAsync("/account/password", "/auth/password",
            new Dictionary<string, string> { ["current"] = current, ["password"] = password, ["confirm"] = confirm, ["returnUrl"] = returnUrl });

    [Fact]
    public async Task A_temporary_password_leads_to_the_change_form_and_the_new_one_replaces_it()
    {
        var temporary = await NewAccountWithTemporaryPasswordAsync("first.day@example.test");
        using var client = _app.CreateBrowserClient();

        using var signIn = await client.SignInAsync("first.day@example.test", temporary, "/c/sandbox/us-east-1/clusters");
        Assert.Equal("/account/password?required=true&ReturnUrl=%2Fc%2Fsandbox%2Fus-east-1%2Fclusters", signIn.Headers.Location!.OriginalString);
        var form = await client.GetStringAsync(signIn.Headers.Location, Ct);
        Assert.Contains("data-testid=\"password-required\"", form, StringComparison.Ordinal);

        using var changed = await ChangeAsync(client, temporary, "a passphrase of my own", "a passphrase of my own", "/c/sandbox/us-east-1/clusters");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/c/sandbox/us-east-1/clusters", changed.Headers.Location!.OriginalString);
        // This session goes on with the refreshed cookie.
        using var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        using var fresh = _app.CreateBrowserClient();
        using var old = await fresh.SignInAsync("first.day@example.test", temporary);
        Assert.Contains("error=invalid", old.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var again = await fresh.SignInAsync("first.day@example.test", "a passphrase of my own");
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_rejected_change_comes_back_to_the_form_with_the_sentence()
    {
        var temporary = await NewAccountWithTemporaryPasswordAsync("typo.day@example.test");
        using var client = _app.CreateBrowserClient();
        (await client.SignInAsync("typo.day@example.test", temporary)).Dispose();

        using var mismatch = await ChangeAsync(client, temporary, "a passphrase of my own", "a passphrase of my owm");

        Assert.StartsWith("/account/password?error=", mismatch.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("required=true", mismatch.Headers.Location.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync(mismatch.Headers.Location, Ct);
        Assert.Contains("The two new passwords differ.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_change_form_needs_a_session_and_its_antiforgery_token()
    {
        using var anonymous = _app.CreateBrowserClient();
        using var page = await anonymous.GetAsync("/account/password", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var client = _app.CreateBrowserClient();
        await client.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        using var forged = await client.PostAsync("/auth/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["current"] = TestConsoleApp.AdminPassword, ["password"] = "taken over password", ["confirm"] = "taken over password",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var stillOld = await _app.CreateBrowserClient().SignInAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        Assert.Equal("/", stillOld.Headers.Location!.OriginalString);
    }
}
