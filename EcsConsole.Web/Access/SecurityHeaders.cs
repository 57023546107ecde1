using System.Security.Cryptography;

namespace EcsConsole.Web.Access;

/// <summary>
/// Headers every response carries. The Content-Security-Policy allows scripts only from this site
/// plus the one inline import map Blazor writes (by a per-request nonce); styles may be inline
/// because MudBlazor sets style attributes; the Blazor WebSocket is 'self'.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "ecsconsole:csp-nonce";

    /// <summary>The nonce of this request's Content-Security-Policy, for the few inline scripts the framework writes.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string ContentSecurityPolicy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(Nonce(context));
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        return next(context);
    });

    /// <summary>
    /// Refuses Blazor hub connections (negotiate and the WebSocket) opened by another site's page:
    /// browsers always send Origin there, and it must be this site.
    /// </summary>
    public static IApplicationBuilder UseBlazorOriginCheck(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/_blazor") && context.Request.Headers.Origin is { Count: > 0 } origin
            && !IsSameOrigin(origin.ToString(), context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            KeepStatus(context);
            return Task.CompletedTask;
        }

        return next(context);
    });

    /// <summary>
    /// A refusal of the hub or of a form post stays a bare status code: the app's "not found" page
    /// would otherwise be rendered in its place (and re-run the refused request's method).
    /// </summary>
    public static void KeepStatus(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }

    public static bool IsSameOrigin(string origin, HttpRequest request)
        => Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
