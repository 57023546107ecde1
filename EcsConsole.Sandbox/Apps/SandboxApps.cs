using System.Collections.Concurrent;
using System.Net;
using EcsConsole.Sandbox.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Sandbox.Apps;

/// <summary>
/// Stands in for the tutorial's FastAPI app: 203.0.113.x addresses do not route anywhere, so every
/// (public IP, container port) of a RUNNING task gets its own loopback port serving what the
/// container would serve. The ports come and go with the tasks.
/// </summary>
internal sealed class SandboxApps(SandboxAccount account, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Ip, int Port), (WebApplication App, Uri Url)> _apps = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _reconciledGeneration = -1;

    public Uri? UrlFor(string publicIp, int port) => _apps.TryGetValue((publicIp, port), out var app) ? app.Url : null;

    public IReadOnlyDictionary<(string Ip, int Port), Uri> All => _apps.ToDictionary(a => a.Key, a => a.Value.Url);

    /// <summary>Starts stand-ins for tasks that now run and stops those whose task has stopped.</summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var wanted = account.RunningApps();
            var generation = account.Generation;
            var keys = wanted.Select(w => (w.PublicIp, w.Port)).ToHashSet();
            if (generation == _reconciledGeneration && keys.SetEquals(_apps.Keys)) return;
            foreach (var key in _apps.Keys.Where(k => !keys.Contains(k)).ToList())
            {
                if (_apps.TryRemove(key, out var gone))
                {
                    await gone.App.DisposeAsync().ConfigureAwait(false);
                }
            }

            foreach (var endpoint in wanted)
            {
                if (_apps.ContainsKey((endpoint.PublicIp, endpoint.Port))) continue;
                try
                {
                    _apps[(endpoint.PublicIp, endpoint.Port)] = await StartAsync(endpoint, ct).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    logger.LogWarning(ex, "Could not start the stand-in app for {Ip}:{Port}", endpoint.PublicIp, endpoint.Port);
                }
            }

            _reconciledGeneration = generation;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(WebApplication, Uri)> StartAsync(SandboxAppEndpoint endpoint, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.Server = "uvicorn";
            await next(context).ConfigureAwait(false);
            account.AppendAccessLog(endpoint.TaskArn, endpoint.Port,
                $"\"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} HTTP/1.1\" {context.Response.StatusCode} {ReasonPhrases.GetReasonPhrase(context.Response.StatusCode)}");
        });
        app.MapGet("/", () => Results.Json(new Dictionary<string, string> { ["Hello"] = "World" }));
        app.MapGet("/items/{itemId}", (string itemId, string? q) => int.TryParse(itemId, out var id)
            ? Results.Json(new Dictionary<string, object?> { ["item_id"] = id, ["q"] = q })
            : Results.Json(new
            {
                detail = new[]
                {
                    new { type = "int_parsing", loc = new[] { "path", "item_id" }, msg = "Input should be a valid integer, unable to parse string as an integer", input = itemId },
                },
            }, statusCode: 422));
        app.MapGet("/docs", () => Results.Content(DocsPage(endpoint), "text/html; charset=utf-8"));
        app.MapGet("/openapi.json", () => Results.Content(OpenApi, "application/json"));
        app.MapFallback(() => Results.Json(new { detail = "Not Found" }, statusCode: 404));
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static string DocsPage(SandboxAppEndpoint endpoint) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>FastAPI - Swagger UI</title>
        <style>body{font-family:sans-serif;margin:2rem;max-width:50rem}code{background:#eee;padding:0 .3em}
        .op{border:1px solid #61affe;background:#ebf3fb;border-radius:4px;padding:.6rem;margin:.6rem 0}
        .get{background:#61affe;color:#fff;font-weight:bold;padding:.2rem .6rem;border-radius:3px;margin-right:.6rem}</style></head>
        <body>
        <h1>FastAPI <small>0.1.0</small></h1>
        <p><a href="openapi.json">/openapi.json</a></p>
        <p>Served by the EcsConsole sandbox for task <code>{{WebUtility.HtmlEncode(endpoint.TaskArn)}}</code>,
        public IP <code>{{endpoint.PublicIp}}</code>, port <code>{{endpoint.Port}}</code>.</p>
        <div class="op"><span class="get">GET</span><a href="./">/</a> Read Root</div>
        <div class="op"><span class="get">GET</span><a href="items/5?q=somequery">/items/{item_id}</a> Read Item</div>
        </body></html>
        """;

    private const string OpenApi = """
        {"openapi":"3.1.0","info":{"title":"FastAPI","version":"0.1.0"},"paths":{"/":{"get":{"summary":"Read Root","operationId":"read_root__get","responses":{"200":{"description":"Successful Response"}}}},"/items/{item_id}":{"get":{"summary":"Read Item","operationId":"read_item_items__item_id__get","parameters":[{"name":"item_id","in":"path","required":true,"schema":{"type":"integer","title":"Item Id"}},{"name":"q","in":"query","required":false,"schema":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Q"}}],"responses":{"200":{"description":"Successful Response"},"422":{"description":"Validation Error"}}}}}}
        """;

    public async ValueTask DisposeAsync()
    {
        foreach (var key in _apps.Keys.ToList())
        {
            if (_apps.TryRemove(key, out var app))
            {
                await app.App.DisposeAsync().ConfigureAwait(false);
            }
        }

        _gate.Dispose();
    }
}
