using System.Net;
using EcsConsole.Tests.Web.Access;

namespace EcsConsole.Tests.Web;

public sealed class HealthzTests
{
    [Fact]
    public async Task TheAppStartsAndHealthzAnswers200WithoutSignIn()
    {
        await using var app = new TestConsoleApp(settings: new Dictionary<string, string?> { ["Sandbox:Enabled"] = "false" });
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // The data folder is created on first start.
        Assert.True(Directory.Exists(app.DataPath));
    }
}
