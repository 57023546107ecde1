using System.Net;
using Bunit;
using EcsConsole.Tests.Infrastructure;
using EcsConsole.Web.Components.Shared;
using EcsConsole.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Shared;

/// <summary>The app bar's "which account am I looking at": STS's answer, or AWS's reason in a sentence.</summary>
public sealed class ConnectionIndicatorTests : BunitContext
{
    private readonly AwsTestHarness _aws = new();

    public ConnectionIndicatorTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton(_aws.Registry);
        Services.AddSingleton(_aws.Factory);
        Services.AddSingleton<CallerIdentityCache>();
        Services.AddScoped<ConsoleLocation>();
    }

    [Fact]
    public void The_account_and_caller_are_shown()
    {
        _aws.Http.Fallback = (_, _) => Task.FromResult(RecordingHttpHandler.Xml(Ec2Xml.CallerIdentity));

        var popovers = this.RenderMudProviders();
        var cut = Render<ConnectionIndicator>();

        cut.WaitForAssertion(() => Assert.Equal("123456789012 · assumed-role/Developer/alice@example.com", cut.Find("[data-testid=connection-account]").TextContent));

        // The menu opens on click, lists the connections and switches to one's clusters.
        cut.Find("[data-testid=connection-menu]").Click();
        popovers.WaitForAssertion(() => Assert.Contains("test (eu-west-1)", popovers.Find(".mud-menu-item").TextContent));
        Assert.Empty(popovers.FindAll("[data-testid=connection-problem]"));
        popovers.Find(".mud-menu-item").Click();
        // The click is handled on the renderer's thread, possibly after Click() returns.
        cut.WaitForAssertion(() => Assert.EndsWith("/c/test/eu-west-1/clusters", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
    }

    [Fact]
    public void Expired_credentials_are_said_in_a_sentence_and_asked_again_next_time()
    {
        _aws.Http.Fallback = (_, _) => Task.FromResult(RecordingHttpHandler.Xml(
            Ec2Xml.StsError("ExpiredToken", "The security token included in the request is expired"), HttpStatusCode.BadRequest));

        var popovers = this.RenderMudProviders();
        var cut = Render<ConnectionIndicator>();

        cut.WaitForAssertion(() => Assert.Equal("account unknown · open for why", cut.Find("[data-testid=connection-account]").TextContent));
        var title = cut.Find("[data-testid=connection-account]").GetAttribute("title");
        Assert.Contains("GetCallerIdentity", title);
        Assert.Contains("The security token included in the request is expired", title);
        cut.Find("[data-testid=connection-menu]").Click();
        popovers.WaitForAssertion(() => Assert.Equal(title, popovers.Find("[data-testid=connection-problem]").TextContent));

        // Credentials renewed (e.g. `aws sso login`): the next page asks STS again instead of keeping the failure.
        var calls = _aws.Http.Requests.Count;
        _aws.Http.Fallback = (_, _) => Task.FromResult(RecordingHttpHandler.Xml(Ec2Xml.CallerIdentity));
        var again = Render<ConnectionIndicator>();
        again.WaitForAssertion(() => Assert.StartsWith("123456789012", again.Find("[data-testid=connection-account]").TextContent));
        Assert.True(_aws.Http.Requests.Count > calls);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _aws.Dispose();
        base.Dispose(disposing);
    }
}
