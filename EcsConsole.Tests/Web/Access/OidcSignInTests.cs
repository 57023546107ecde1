using System.Net;

namespace EcsConsole.Tests.Web.Access;

/// <summary>A full single sign-on round trip over loopback: the app, a fake provider, and a client following redirects.</summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private FakeOidcProvider _provider = null!;
    private TestConsoleApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _provider = await FakeOidcProvider.StartAsync();
        _app = new TestConsoleApp(kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = _provider.Issuer,
            ["Auth:Oidc:ClientId"] = FakeOidcProvider.ClientId,
            ["Auth:Oidc:ClientSecret"] = FakeOidcProvider.ClientSecret,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:DisplayName"] = "Test IdP",
            ["Auth:Oidc:RoleClaim"] = "groups",
            ["Auth:Oidc:RoleMap:ecs-viewers"] = "Viewer",
            ["Auth:Oidc:RoleMap:ecs-operators"] = "Operator",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
    {
        BaseAddress = _app.ServerAddress,
    };

    [Fact]
    public async Task A_person_in_a_mapped_group_signs_in_with_the_highest_mapped_role()
    {
        _provider.NextClaims = new()
        {
            ["sub"] = "u-123",
            ["email"] = "dana@corp.example",
            ["groups"] = new[] { "everyone", "ecs-viewers", "ecs-operators" },
        };
        using var browser = Browser();
        var signInPage = await browser.GetStringAsync("/account/sign-in", Ct);
        Assert.Contains("Sign in with Test IdP", signInPage, StringComparison.Ordinal);

        using var response = await browser.GetAsync("/auth/oidc?returnUrl=%2Factivity", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/activity", response.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"current-user-name\">dana@corp.example<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"current-user-role\">Operator<", html, StringComparison.Ordinal);
        Assert.Equal(1, _provider.TokensIssued);
    }

    [Fact]
    public async Task A_person_whose_groups_map_to_no_role_is_refused_with_a_page_that_says_why()
    {
        _provider.NextClaims = new() { ["sub"] = "u-456", ["email"] = "eve@corp.example", ["groups"] = new[] { "everyone", "finance" } };
        using var browser = Browser();

        using var response = await browser.GetAsync("/auth/oidc?returnUrl=%2F", Ct);

        Assert.Equal("/account/refused", response.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Test IdP signed you in, but none of your groups or roles gives you access to EcsConsole.", html, StringComparison.Ordinal);
        Assert.Contains("<code>groups</code>", html, StringComparison.Ordinal);
        using var home = await browser.GetAsync("/", Ct);
        Assert.Equal("/account/sign-in", home.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(_app.Logs.Messages, m => m.Contains("Refused single sign-on for \"eve@corp.example\"", StringComparison.Ordinal));
    }
}
