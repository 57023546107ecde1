using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox;
using EcsConsole.Tests.Web.Access;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Sandbox;

/// <summary>With no AWS configuration the web app starts the sandbox and makes it the default connection.</summary>
public sealed class SandboxWebWiringTests : IAsyncLifetime
{
    private readonly TestConsoleApp _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TheDefaultConnectionIsTheSandboxAndItsTasksOpenThroughTheWebApp()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = _factory.CreateBrowserClient();
        // The stand-in apps are reached through the console, so only signed-in people reach them.
        var anonymous = await http.GetAsync(SandboxEndpointRouteBuilderExtensions.AppPath("203.0.113.10", 80), ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, anonymous.StatusCode);
        await http.SignInOrFailAsync(TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);
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

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
