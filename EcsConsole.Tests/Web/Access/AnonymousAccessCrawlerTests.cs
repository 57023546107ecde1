using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Web.Access;

/// <summary>
/// Walks every routable page (found by reflection over the web assembly's @page routes), every
/// mapped endpoint and the Blazor hub without signing in: each must send the visitor to sign-in or
/// answer 401. The few places open to everyone are listed here, so a new anonymous one fails.
/// </summary>
public sealed partial class AnonymousAccessCrawlerTests : IAsyncLifetime
{
    private static readonly string[] OpenPages = ["/account/sign-in", "/account/setup", "/account/refused"];
    private static readonly string[] OpenEndpoints = ["/healthz", "/auth/sign-in", "/auth/setup", "/auth/oidc", .. OpenPages];

    private readonly TestConsoleApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Every_page_needs_a_signed_in_user_except_the_sign_in_pages()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .ToList();
        Assert.Contains(pages, p => p.Template == "/activity");
        Assert.Contains(pages, p => p.Template == "/users");
        Assert.Equal(OpenPages.Order(), pages.Where(p => p.Type.GetCustomAttribute<AllowAnonymousAttribute>() is not null).Select(p => p.Template).Order());

        using var client = _app.CreateBrowserClient();
        foreach (var (type, template) in pages.Where(p => !OpenPages.Contains(p.Template)))
        {
            var path = Concrete(template);
            using var response = await client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{type.Name} at {path} answered {response.StatusCode} without sign-in");
            Assert.StartsWith("/account/sign-in?ReturnUrl=", PathOf(response), StringComparison.Ordinal);
        }

        foreach (var open in OpenPages)
        {
            using var response = await client.GetAsync(open, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Every_mapped_endpoint_needs_a_signed_in_user_except_health_sign_in_and_static_files()
    {
        using var client = _app.CreateBrowserClient();
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/_blazor/negotiate");

        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (open)
            {
                var isStaticFile = endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");
                Assert.True(isStaticFile || OpenEndpoints.Contains(pattern), $"{pattern} ({endpoint.DisplayName}) is open to everyone");
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(pattern));
                if (method != "GET") request.Content = new FormUrlEncodedContent([]);
                using var response = await client.SendAsync(request, Ct);
                var toSignIn = response.StatusCode == HttpStatusCode.Redirect
                    && PathOf(response).StartsWith("/account/sign-in", StringComparison.Ordinal);
                Assert.True(toSignIn || response.StatusCode == HttpStatusCode.Unauthorized,
                    $"{method} {pattern} ({endpoint.DisplayName}) answered {(int)response.StatusCode} without sign-in");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 5, $"only {checkedCount} endpoints were checked");
    }

    [Fact]
    public async Task The_Blazor_hub_refuses_a_connection_without_sign_in()
    {
        using var client = _app.CreateBrowserClient();
        using var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        using var connect = await client.GetAsync("/_blazor?id=anything", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, connect.StatusCode);
    }

    private static string PathOf(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    private static string Concrete(string template) => RouteParameter().Replace(template, "x");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
