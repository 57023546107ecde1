using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EcsConsole.Web.Access;

/// <summary>
/// The form posts behind the static sign-in pages. Identity's SignInManager writes cookies, which
/// needs a plain HTTP request rather than a Blazor circuit. Form binding makes ASP.NET Core check
/// the antiforgery token of every post.
/// </summary>
internal static class AuthEndpoints
{
    public const string SignInPath = "/auth/sign-in";
    public const string SignOutPath = "/auth/sign-out";
    public const string SetupPath = "/auth/setup";
    public const string OidcPath = "/auth/oidc";
    public const string PasswordPath = "/auth/password";

    /// <summary>The rate limiter's policy for form posts that test a password or a setup token.</summary>
    public const string SignInRateLimit = "sign-in";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(SignInPath, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        app.MapPost(SetupPath, SetupAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        app.MapPost(SignOutPath, SignOutAsync);
        app.MapPost(PasswordPath, ChangePasswordAsync).RequireRateLimiting(SignInRateLimit);
        app.MapGet(OidcPath, ([FromQuery] string? returnUrl, IOptions<OidcOptions> oidc) => oidc.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [OidcOptions.Scheme])
                : Results.NotFound())
            .AllowAnonymous();
    }

    private static async Task<RedirectHttpResult> SignInAsync(
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        SignInManager<ConsoleAccount> signIn,
        ILoggerFactory loggers,
        HttpContext http)
    {
        var back = $"/account/sign-in?ReturnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}";
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return TypedResults.Redirect($"{back}&error=missing");
        // One lookup serves the password check and the temporary-password question below.
        var account = await signIn.UserManager.FindByNameAsync(email.Trim());
        var result = account is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: true);
        var logger = loggers.CreateLogger(typeof(AuthEndpoints));
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (result.Succeeded)
        {
            logger.LogInformation("{Email} signed in from {ClientIp}", email.Trim(), ip);
            return TypedResults.Redirect(account is { MustChangePassword: true }
                ? $"/account/password?required=true&ReturnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}"
                : SafeReturnUrl(returnUrl));
        }

        logger.LogWarning("Sign-in failed for {Email} from {ClientIp}: {Result}", email.Trim(), ip, result.IsLockedOut ? "locked out" : "wrong e-mail or password");
        return TypedResults.Redirect($"{back}&error={(result.IsLockedOut ? "locked" : "invalid")}");
    }

    private static async Task<RedirectHttpResult> SetupAsync(
        [FromForm] string? token,
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? confirm,
        AccountSetup setup,
        SignInManager<ConsoleAccount> signIn,
        HttpContext http,
        CancellationToken ct)
    {
        string Back(string error) => $"/account/setup?token={Uri.EscapeDataString(token ?? "")}&error={Uri.EscapeDataString(error)}";
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return TypedResults.Redirect(Back("Enter an e-mail address and a password."));
        if (password != confirm) return TypedResults.Redirect(Back("The two passwords differ."));
        var result = await setup.RedeemSetupTokenAsync(token, email, password, http.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.Succeeded) return TypedResults.Redirect(Back(result.Message));
        var account = await signIn.UserManager.FindByIdAsync(result.Value!);
        if (account is not null) await signIn.SignInAsync(account, isPersistent: false);
        return TypedResults.Redirect("/");
    }

    private static async Task<RedirectHttpResult> ChangePasswordAsync(
        [FromForm] string? current,
        [FromForm] string? password,
        [FromForm] string? confirm,
        [FromForm] string? returnUrl,
        AccountAdministration accounts,
        SignInManager<ConsoleAccount> signIn,
        HttpContext http,
        CancellationToken ct)
    {
        var back = SafeReturnUrl(returnUrl);
        var actor = Services.CurrentUser.FromPrincipal(http.User, http.Connection.RemoteIpAddress?.ToString());
        if (actor is null) return TypedResults.Redirect($"/account/sign-in?ReturnUrl={Uri.EscapeDataString("/account/password")}");
        var result = await accounts.ChangeOwnPasswordAsync(actor, current, password, confirm, ct);
        if (!result.Succeeded)
        {
            var required = await accounts.MustChangePasswordAsync(actor.Id, ct) ? "&required=true" : "";
            return TypedResults.Redirect($"/account/password?error={Uri.EscapeDataString(result.Message)}{required}&ReturnUrl={Uri.EscapeDataString(back)}");
        }

        // The change renewed the security stamp: a fresh cookie keeps this session (and when it began, for the
        // absolute session limit); other sessions end at their next check.
        if (await signIn.UserManager.FindByIdAsync(actor.Id) is { } account)
        {
            var kept = http.User.Claims.Where(c => c.Type is ConsoleClaims.SignedInAt or ConsoleClaims.Source).Select(c => new System.Security.Claims.Claim(c.Type, c.Value));
            await signIn.SignInWithClaimsAsync(account, isPersistent: false, kept);
        }
        return TypedResults.Redirect(back);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(SignInManager<ConsoleAccount> signIn, HttpContext http, ILoggerFactory loggers)
    {
        loggers.CreateLogger(typeof(AuthEndpoints)).LogInformation("{Name} signed out", http.User.Identity?.Name);
        await signIn.SignOutAsync();
        return TypedResults.Redirect("/account/sign-in?signedOut=true");
    }

    /// <summary>Only paths on this site: a sign-in link must not be usable to bounce people elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl)
        => !string.IsNullOrEmpty(returnUrl) && RedirectHttpResult.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/auth/", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";
}
