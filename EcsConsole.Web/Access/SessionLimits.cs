using System.Globalization;
using System.Security.Claims;
using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EcsConsole.Web.Access;

/// <summary>
/// The absolute session limit. The cookie's own sliding expiry gives the idle limit; this stamps the
/// sign-in time into the principal and ends the session once it is older than Auth:AbsoluteTimeout,
/// however active the person is.
/// </summary>
internal static class SessionLimits
{
    public static void Apply(CookieAuthenticationOptions cookie, AuthOptions auth)
    {
        cookie.ExpireTimeSpan = auth.IdleTimeout;
        cookie.SlidingExpiration = true;
        var validateStamp = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnSigningIn = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == ConsoleClaims.SignedInAt))
            {
                var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
                identity.AddClaim(new Claim(ConsoleClaims.SignedInAt, now.UtcTicks.ToString(CultureInfo.InvariantCulture)));
            }

            if (context.Principal?.Identity is ClaimsIdentity local && !local.HasClaim(c => c.Type == ConsoleClaims.Source))
            {
                local.AddClaim(new Claim(ConsoleClaims.Source, ConsoleClaims.LocalSource));
            }

            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            if (context.Principal is null || IsExpired(context.Principal, auth.AbsoluteTimeout, now))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
                return;
            }

            // Single sign-on sessions have no local account whose security stamp could be checked.
            if (context.Principal.FindFirstValue(ConsoleClaims.Source) == ConsoleClaims.OidcSource) return;
            await validateStamp(context).ConfigureAwait(false);
        };
        cookie.Events.OnRedirectToLogin = context =>
        {
            // The Blazor hub and the CSV export are not pages: a redirect to a form means nothing to them.
            if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.StartsWithSegments("/_blazor"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                SecurityHeaders.KeepStatus(context.HttpContext);
            }
            else
            {
                context.Response.Redirect(context.RedirectUri);
            }

            return Task.CompletedTask;
        };
    }

    public static bool IsExpired(ClaimsPrincipal principal, TimeSpan absoluteTimeout, DateTimeOffset now)
    {
        var value = principal.FindFirstValue(ConsoleClaims.SignedInAt);
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return true;
        return now - new DateTimeOffset(ticks, TimeSpan.Zero) > absoluteTimeout;
    }

    /// <summary>Identity rebuilds the principal when it re-checks the security stamp; the sign-in time must survive that.</summary>
    public static void KeepSignInTime(SecurityStampValidatorOptions options) => options.OnRefreshingPrincipal = context =>
    {
        var keep = context.CurrentPrincipal?.Claims.Where(c => c.Type is ConsoleClaims.SignedInAt or ConsoleClaims.Source).ToList() ?? [];
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            foreach (var claim in keep.Where(c => !identity.HasClaim(h => h.Type == c.Type))) identity.AddClaim(new Claim(claim.Type, claim.Value));
        }

        return Task.CompletedTask;
    };
}

/// <summary>Binds the cookie to <see cref="AuthOptions"/> once options are available.</summary>
internal sealed class ConfigureSessionCookie(IOptions<AuthOptions> auth) : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != IdentityConstants.ApplicationScheme) return;
        options.LoginPath = "/account/sign-in";
        options.LogoutPath = "/auth/sign-out";
        options.AccessDeniedPath = "/account/access-denied";
        options.Cookie.Name = "EcsConsole.Session";
        options.Cookie.HttpOnly = true;
        // Lax, not Strict: a link to a page shared in chat must open signed in.
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        SessionLimits.Apply(options, auth.Value);
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
