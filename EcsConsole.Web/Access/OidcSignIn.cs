using System.Security.Claims;
using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EcsConsole.Web.Access;

/// <summary>
/// OpenID Connect sign-in: authorization code flow with PKCE, then the provider's group or role
/// claim decides the console role. People whose claims map to no role are refused with a page that
/// says why (unless Auth:Oidc:RequireRoleMapping is false, then they are Viewers).
/// </summary>
internal static class OidcSignIn
{
    public const string RefusedPath = "/account/refused";

    public static void Configure(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.SignInScheme = IdentityConstants.ApplicationScheme;
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies
        // can be SameSite=Lax and work over plain HTTP on a developer's machine too.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.CallbackPath = "/signin-oidc";
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnTokenValidated = context => OnTokenValidatedAsync(context, oidc);
        o.Events.OnRemoteFailure = context =>
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn));
            logger.LogWarning(context.Failure, "Single sign-on failed");
            context.Response.Redirect($"{RefusedPath}?why=failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static Task OnTokenValidatedAsync(TokenValidatedContext context, OidcOptions oidc)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn));
        var source = context.Principal ?? new ClaimsPrincipal();
        var subject = source.FindFirstValue("sub");
        var email = source.FindFirstValue("email");
        var name = email ?? source.FindFirstValue("preferred_username") ?? source.FindFirstValue("name") ?? subject;
        var values = source.FindAll(oidc.RoleClaim).Select(c => c.Value).ToList();
        var role = RoleMapping.Map(values, oidc.RoleMap) ?? (oidc.RequireRoleMapping ? null : ConsoleRole.Viewer);
        if (subject is null || role is null)
        {
            logger.LogWarning("Refused single sign-on for {Name}: none of the {Claim} values [{Values}] maps to a console role",
                name, oidc.RoleClaim, string.Join(", ", values));
            context.Response.Redirect($"{RefusedPath}?why=no-role");
            context.HandleResponse();
            return Task.CompletedTask;
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, $"oidc:{subject}"),
            new(ClaimTypes.Name, name!),
            new(ClaimTypes.Role, role.Value.ToString()),
            new(ConsoleClaims.Source, ConsoleClaims.OidcSource),
        ];
        if (email is not null) claims.Add(new Claim(ClaimTypes.Email, email));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, OidcOptions.Scheme, ClaimTypes.Name, ClaimTypes.Role));
        context.Properties ??= new AuthenticationProperties();
        context.Properties.IsPersistent = false;
        logger.LogInformation("{Name} signed in with single sign-on as {Role}", name, role);
        return Task.CompletedTask;
    }
}
