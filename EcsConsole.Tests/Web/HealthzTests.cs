using System.Net;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Web;

public sealed class HealthzTests
{
    [Fact]
    public async Task TheAppStartsAndHealthzAnswers200WithoutSignIn()
    {
        await using var app = new EcsConsoleWebFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // The data folder is created on first start.
        Assert.True(Directory.Exists(app.DataPath));
    }

    [Fact]
    public async Task TheHomePageIsServedWithTheLayout()
    {
        await using var app = new EcsConsoleWebFactory(new Dictionary<string, string?>
        {
            ["Aws:Connections:0:Name"] = "prod",
            ["Aws:Connections:0:DisplayName"] = "Production",
            ["Aws:Connections:0:Region"] = "eu-west-1",
            ["Aws:Connections:0:EndpointUrl"] = "http://127.0.0.1:9/",
        });
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<title>Overview · EcsConsole</title>", html);
        Assert.Contains("Production", html);
        Assert.Contains("/c/prod/eu-west-1/clusters", html);
    }
}
