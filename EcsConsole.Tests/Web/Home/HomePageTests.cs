using Bunit;
using EcsConsole.Core.Aws;
using EcsConsole.Web.Components.Pages.Home;
using EcsConsole.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Home;

public sealed class HomePageTests : BunitContext
{
    public HomePageTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new ConnectionRegistry(Options.Create(new AwsOptions
        {
            Connections =
            [
                new ConnectionOptions { Name = "sandbox", DisplayName = "Sandbox", IsSandbox = true, Region = "us-east-1", EndpointUrl = "http://127.0.0.1:4566/" },
                new ConnectionOptions { Name = "prod", DisplayName = "Production", Profile = "prod-admin", Region = "eu-west-1" },
            ],
        })));
        Services.AddScoped<ConsoleLocation>();
    }

    [Fact]
    public void EveryConnectionHasACardThatOpensItsClusters()
    {
        var page = Render<HomePage>();

        var cards = page.FindAll("[data-testid=connection-card]");
        Assert.Equal(2, cards.Count);
        Assert.Contains("Sandbox", cards[0].TextContent);
        Assert.Contains("Simulated account on this machine", cards[0].TextContent);
        Assert.Contains("Region eu-west-1 · profile prod-admin", cards[1].TextContent);
        Assert.DoesNotContain("Simulated", cards[1].TextContent);
        Assert.Equal(["/c/sandbox/us-east-1/clusters", "/c/prod/eu-west-1/clusters"],
            page.FindAll("[data-testid=connection-card] a").Select(a => a.GetAttribute("href")));
    }
}
