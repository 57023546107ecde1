using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Sandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    // Loopback calls to the stand-ins; one client for the app's lifetime.
    private static readonly HttpClient Forwarder = new();

    public const string AppsPathPrefix = "/_sandbox/apps";

    /// <summary>
    /// The console's link for "open http://{publicIp}:{port}/" on the sandbox connection: a path of
    /// the web app itself, so it works wherever the browser is (also when the app runs in Docker,
    /// where the stand-ins' loopback ports cannot be reached from the host).
    /// </summary>
    public static string AppPath(string publicIp, int port) => $"{AppsPathPrefix}/{publicIp}/{port}/";

    /// <summary>Serves <see cref="AppPath"/> by forwarding GETs to the task's stand-in app.</summary>
    public static IEndpointConventionBuilder MapSandboxApps(this IEndpointRouteBuilder endpoints)
        => endpoints.MapGet(AppsPathPrefix + "/{ip}/{port:int}/{**path}", async (string ip, int port, string? path, HttpContext context) =>
        {
            var sandbox = context.RequestServices.GetService<ISandboxEndpoints>();
            var target = sandbox is null ? null : await sandbox.GetAppUrlAsync(ip, port, context.RequestAborted).ConfigureAwait(false);
            if (target is null)
            {
                return Results.Text($"No running sandbox task has the public IP {ip} with port {port}: it may have stopped.", statusCode: 404);
            }

            using var response = await Forwarder.GetAsync(new Uri(target, (path ?? "") + context.Request.QueryString), context.RequestAborted).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }).ExcludeFromDescription();
}
