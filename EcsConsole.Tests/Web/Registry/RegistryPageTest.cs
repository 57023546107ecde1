using Bunit;
using Bunit.TestDoubles;
using EcsConsole.Core.Access;
using EcsConsole.Tests.Core.Registry;
using EcsConsole.Web.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Registry;

/// <summary>
/// bUnit with MudBlazor, a signed-in person and the real registry services over a <see cref="FakeAwsAccount"/>.
/// The popover and dialog providers are rendered first, as the layout does, so dialogs and selects work.
/// </summary>
public abstract class RegistryPageTest : BunitContext
{
    protected const string Conn = FakeAwsAccount.Connection;
    protected const string Region = FakeAwsAccount.Region;
    protected const string Host = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    protected RegistryPageTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton(Aws.Registry);
        Services.AddSingleton(Aws.Usage);
        Services.AddSingleton(Aws.Connections);
        Services.AddSingleton<TimeProvider>(Aws.Time);
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<ConsoleLocation>();
        Services.AddScoped<CurrentUser>();
        Auth = AddAuthorization();
        SignIn(ConsoleRole.Admin);
        Providers = this.RenderMudProviders();
    }

    protected FakeAwsAccount Aws { get; } = new();

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>Where dialogs and snackbars appear.</summary>
    protected IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Providers { get; }

    protected void SignIn(ConsoleRole role)
    {
        Auth.SetAuthorized("ada@example.com");
        Auth.SetRoles(role.ToString());
    }

    protected static string Repository(string name, string mutability = "MUTABLE")
        => $$$"""
           {"repositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/{{{name}}}","registryId":"123456789012",
            "repositoryName":"{{{name}}}","repositoryUri":"{{{Host}}}/{{{name}}}","createdAt":1767225600,
            "imageTagMutability":"{{{mutability}}}","imageScanningConfiguration":{"scanOnPush":true},
            "encryptionConfiguration":{"encryptionType":"AES256"}}
           """;

    protected override void Dispose(bool disposing)
    {
        if (disposing) Aws.Dispose();
        base.Dispose(disposing);
    }
}
