using System.Net;
using EcsConsole.Core.Access;

namespace EcsConsole.Tests.Web.Access;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly TestConsoleApp _app = new(settings: new Dictionary<string, string?> { ["Auth:MaxFailedSignIns"] = "3" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_page_and_back_afterwards()
    {
        using var client = _app.CreateBrowserClient();
        using var page = await client.GetAsync("/users?x=1", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Fusers%3Fx%3D1", page.Headers.Location!.PathAndQuery);

        using var signIn = await client.SignInAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword, "/users?x=1");
        Assert.Equal("/users?x=1", signIn.Headers.Location!.OriginalString);
        var home = await client.GetStringAsync("/", Ct);
        Assert.Contains(TestConsoleApp.AdminEmail, home, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"current-user-role\">Admin<", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_sentence_and_no_session()
    {
        using var client = _app.CreateBrowserClient();
        using var response = await client.SignInAsync(TestConsoleApp.AdminEmail, "not-the-password");
        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync(response.Headers.Location, Ct);
        Assert.Contains("Wrong e-mail or password.", page, StringComparison.Ordinal);
        using var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task After_three_wrong_passwords_the_account_is_locked_even_for_the_right_one()
    {
        await _app.CreateAccountAsync("ops@example.test", ConsoleRole.Operator, "the-right-password");
        using var client = _app.CreateBrowserClient();
        for (var i = 0; i < 3; i++) (await client.SignInAsync("ops@example.test", "a-wrong-password")).Dispose();

        using var response = await client.SignInAsync("ops@example.test", "the-right-password");
        Assert.Contains("error=locked", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync(response.Headers.Location, Ct);
        Assert.Contains("This account is locked after 3 failed sign-ins", page, StringComparison.Ordinal);
        using var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);

        // Another account is not affected.
        await client.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_rejected()
    {
        using var client = _app.CreateBrowserClient();
        using var response = await client.PostAsync("/auth/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = TestConsoleApp.AdminEmail,
            ["password"] = TestConsoleApp.AdminPassword,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/auth/sign-out")]
    public async Task The_return_address_after_sign_in_never_leaves_the_console(string returnUrl)
    {
        using var client = _app.CreateBrowserClient();
        using var response = await client.SignInAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword, returnUrl);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = _app.CreateBrowserClient();
        await client.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        using var signOut = await client.PostFormAsync("/", "/auth/sign-out", new Dictionary<string, string>());
        Assert.Equal("/account/sign-in?signedOut=true", signOut.Headers.Location!.OriginalString);
        Assert.Contains("You have signed out.", await client.GetStringAsync(signOut.Headers.Location, Ct), StringComparison.Ordinal);
        using var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }
}
