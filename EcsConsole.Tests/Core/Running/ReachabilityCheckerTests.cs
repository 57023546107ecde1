using System.Net;
using EcsConsole.Core.Running;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsConsole.Tests.Core.Running;

public sealed class ReachabilityCheckerTests
{
    [Fact]
    public async Task An_answering_app_is_reported_with_its_status_and_the_start_of_its_body()
    {
        var http = new RecordingHttpHandler().EnqueueJson("""{"Hello":"World"}""");
        var checker = new ReachabilityChecker(new FakeHttpClientFactory(http), NullLogger<ReachabilityChecker>.Instance);

        var result = await checker.CheckAsync(new Uri("http://203.0.113.7/"), CancellationToken.None);

        Assert.True(result.Reachable);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("""{"Hello":"World"}""", result.BodyStart);
        Assert.StartsWith("Answered 200 OK in ", result.Summary, StringComparison.Ordinal);
        Assert.Equal("http://203.0.113.7/", http.Requests.Single().Uri.ToString());
    }

    [Fact]
    public async Task A_refused_connection_explains_the_likely_causes()
    {
        var http = new RecordingHttpHandler().EnqueueException(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        var checker = new ReachabilityChecker(new FakeHttpClientFactory(http), NullLogger<ReachabilityChecker>.Instance);

        var result = await checker.CheckAsync(new Uri("http://203.0.113.7:8000/"), CancellationToken.None);

        Assert.False(result.Reachable);
        Assert.Equal("Could not connect (ConnectionError): nothing listens there yet, or the security group does not let the port in.", result.Summary);
    }

    [Fact]
    public void Endpoints_list_the_root_of_each_port_and_docs_for_FastAPI_style_ports_opening_where_the_map_says()
    {
        var endpoints = TaskEndpointBuilder.Build("203.0.113.7", [8000, 80, 5432], port => new Uri($"http://127.0.0.1:{10000 + port}/"));

        Assert.Equal(["http://203.0.113.7/", "http://203.0.113.7/docs", "http://203.0.113.7:5432/", "http://203.0.113.7:8000/", "http://203.0.113.7:8000/docs"],
            endpoints.Select(e => e.Label));
        Assert.Equal("http://127.0.0.1:18000/docs", endpoints.Last().Open.ToString());
    }
}
