using EcsConsole.Core.Aws;
using EcsConsole.Core.Registry;
using EcsConsole.Web.Services.Running;
using EcsConsole.Core.Storage;
using EcsConsole.Core.TaskDefinitions;
using EcsConsole.Sandbox;
using EcsConsole.Web.Access;
using EcsConsole.Web.Components;
using EcsConsole.Web.Logs;
using EcsConsole.Web.Services;
using EcsConsole.Web.Services.Live;
using EcsConsole.Web.Services.Costs;
using MudBlazor.Services;
using Serilog;
using Serilog.Formatting.Compact;

namespace EcsConsole.Web;

/// <summary>All of the app's wiring: services first, then the request pipeline.</summary>
public static class EcsConsoleWebExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddEcsConsole(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Serves library assets (MudBlazor's CSS and JS under _content/) from the build output in every
        // environment, not only Development: `dotnet run` runs as Production here. Published apps carry
        // the files themselves and ignore this.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            if (builder.Configuration.GetValue<bool>("Logging:Json"))
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        }, preserveStaticLogger: true); // one logger per host, not the static one: tests run several apps in one process

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddEcsConsoleStorage(builder.Configuration, builder.Environment);
        services.AddAwsAccess();
        services.AddRunningPages();
        services.AddTaskDefinitions();

        services.AddEcsSandbox(builder.Configuration);

        services.AddHttpContextAccessor();
        services.AddLiveConsole();
        services.AddCostsConsole();
        services.AddScoped<ConsoleLocation>();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<CallerIdentityCache>();
        services.AddHealthChecks();
        builder.AddEcsConsoleAuth();
        services.AddEcsConsoleLogsWeb();
        services.AddRegistry();
        return builder;
    }

    public static WebApplication UseEcsConsole(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseSerilogRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseEcsConsoleAuth();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapSandboxApps();
        app.MapStaticAssets().AllowAnonymous();
        app.MapEcsConsoleAuth();
        app.MapEcsConsoleLogs();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null); // SecurityHeaders sends the whole policy
        return app;
    }
}
