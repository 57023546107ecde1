using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Sandbox;

/// <summary>With no configuration the web app starts the sandbox and makes it the default connection.</summary>
public sealed class SandboxWebWiringTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ecsconsole-web-sandbox", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Sandbox:Port", "0")
            .UseSetting("Storage:DataPath", _data));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TheDefaultConnectionIsTheSandboxAndItsTasksOpenThroughTheWebApp()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = _factory.CreateClient();
        var registry = _factory.Services.GetRequiredService<ConnectionRegistry>();
        Assert.True(registry.Default.IsSandbox);
        var clients = _factory.Services.GetRequiredService<AwsClientFactory>().For(registry.DefaultName);

        var taskArn = Assert.Single((await clients.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo" }, ct)).TaskArns!);
        var task = Assert.Single((await clients.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "demo", Tasks = [taskArn] }, ct)).Tasks!);
        var eniId = task.Attachments![0].Details!.Single(d => d.Name == "networkInterfaceId").Value!;
        var ip = Assert.Single(await clients.Ec2.DescribeNetworkInterfacesAsync([eniId], ct)).Association.PublicIp;

        var root = await http.GetStringAsync(SandboxEndpointRouteBuilderExtensions.AppPath(ip, 80), ct);
        var item = await http.GetStringAsync(SandboxEndpointRouteBuilderExtensions.AppPath(ip, 80) + "items/42?q=hi", ct);
        var gone = await http.GetAsync(SandboxEndpointRouteBuilderExtensions.AppPath("203.0.113.254", 80), ct);

        Assert.Equal("{\"Hello\":\"World\"}", root);
        Assert.Equal("{\"item_id\":42,\"q\":\"hi\"}", item);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotNull(_factory.Services.GetRequiredService<ISandboxEndpoints>().BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        // The host's last state save can still be settling on disk; a temp folder may take a retry.
        for (var attempt = 1; Directory.Exists(_data); attempt++)
        {
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
        }
    }
}
