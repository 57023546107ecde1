using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EcsConsole.Tests.Web.Access;

public sealed partial class HardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_carry_the_security_headers_and_the_only_inline_script_has_the_policy_s_nonce()
    {
        await using var app = new TestConsoleApp();
        using var client = app.CreateBrowserClient();
        using var response = await client.GetAsync("/account/sign-in", Ct);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));

        var nonce = ScriptNonce().Match(csp).Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync(Ct);
        var inlineScripts = InlineScript().Matches(html);
        Assert.All(inlineScripts, s => Assert.Contains($"nonce=\"{nonce}\"", s.Value, StringComparison.Ordinal));
        using var again = await client.GetAsync("/account/sign-in", Ct);
        Assert.NotEqual(csp, again.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Over_HTTPS_the_session_cookie_is_secure_and_HSTS_is_sent()
    {
        await using var app = new TestConsoleApp();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var response = await client.SignInAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("EcsConsole.Session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Blazor_hub_refuses_a_signed_in_browser_sent_there_by_another_site()
    {
        await using var app = new TestConsoleApp();
        using var client = app.CreateBrowserClient();
        await client.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var refused = await client.SendAsync(foreign, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", "http://localhost");
        using var accepted = await client.SendAsync(own, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var app = new TestConsoleApp(settings: new Dictionary<string, string?> { ["Auth:SignInAttemptsPerMinute"] = "3" });
        using var client = app.CreateBrowserClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.SignInAsync("nobody@example.test", "guess-number-" + i);
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        using var limited = await client.SignInAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Too many sign-in attempts from this address. Wait a minute, then try again.", await limited.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_session_ends_after_the_idle_limit_and_after_the_absolute_limit_however_active()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new TestConsoleApp(
            settings: new Dictionary<string, string?> { ["Auth:IdleTimeout"] = "00:10:00", ["Auth:AbsoluteTimeout"] = "00:30:00" },
            services: s => s.AddSingleton<TimeProvider>(clock));

        using var idle = app.CreateBrowserClient();
        await idle.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        clock.Advance(TimeSpan.FromMinutes(11));
        using var afterIdle = await idle.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, afterIdle.StatusCode);

        using var busy = app.CreateBrowserClient();
        await busy.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        for (var minute = 6; minute <= 30; minute += 6)
        {
            clock.Advance(TimeSpan.FromMinutes(6));
            using var active = await busy.GetAsync("/", Ct);
            Assert.True(active.StatusCode == HttpStatusCode.OK, $"signed out after {minute} active minutes");
        }

        clock.Advance(TimeSpan.FromMinutes(6));
        using var afterAbsolute = await busy.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, afterAbsolute.StatusCode);
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_data_folder_so_sessions_survive_a_restart()
    {
        await using var app = new TestConsoleApp();
        using var client = app.CreateBrowserClient();
        await client.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.DataPath, "keys"), "key-*.xml"));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex ScriptNonce();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
