using System.Threading.RateLimiting;
using EcsConsole.Core.Access;
using EcsConsole.Core.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EcsConsole.Web.Access;

/// <summary>Sign-in, sessions, roles and the security hardening of the web app.</summary>
public static class AuthServiceCollectionExtensions
{
    public static WebApplicationBuilder AddEcsConsoleAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEcsConsoleAccounts().AddSignInManager().AddDefaultTokenProviders();
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
        });
        authentication.AddIdentityCookies();
        // After AddIdentityCookies, so that its security-stamp check can be wrapped.
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureSessionCookie>();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Role changes, locks and deletions reach open sessions within a minute.
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            SessionLimits.KeepSignInTime(o);
        });

        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.SectionName)
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ClientId), "Auth:Oidc:ClientId is required when Auth:Oidc:Authority is set.")
            .Validate(o => !o.Enabled || !o.RequireRoleMapping || o.RoleMap.Count > 0,
                "Auth:Oidc:RoleMap must map at least one group or role to a console role (or set Auth:Oidc:RequireRoleMapping to false).")
            .ValidateOnStart();
        var oidc = builder.Configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o => OidcSignIn.Configure(o, oidc));
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, ConsoleAuthenticationStateProvider>();
        services.AddHostedService<FirstRunSetupLink>();

        // Keys in the data folder: sign-ins survive a restart, and instances sharing the folder share them.
        services.AddDataProtection().SetApplicationName("EcsConsole");
        services.AddOptions<KeyManagementOptions>().Configure<DataFolder, ILoggerFactory>((o, folder, loggers) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder.Folder("keys")), loggers));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this address. Wait a minute, then try again.", ct));
            };
            o.AddPolicy(AuthEndpoints.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return builder;
    }

    /// <summary>Security headers, the hub's origin check, authentication, authorization and the sign-in rate limit.</summary>
    public static WebApplication UseEcsConsoleAuth(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseBlazorOriginCheck();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapEcsConsoleAuth(this WebApplication app)
    {
        AuthEndpoints.Map(app);
        ActivityExport.Map(app);
        return app;
    }
}
