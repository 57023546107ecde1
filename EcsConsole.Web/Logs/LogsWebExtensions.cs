using EcsConsole.Core.Logs;

namespace EcsConsole.Web.Logs;

public static class LogsWebExtensions
{
    /// <summary>The log viewer's services (Core readers and settings).</summary>
    public static IServiceCollection AddEcsConsoleLogsWeb(this IServiceCollection services) => services.AddEcsConsoleLogs();

    /// <summary>The download endpoint: any signed-in person may read logs.</summary>
    public static IEndpointRouteBuilder MapEcsConsoleLogs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/{conn}/{region}/logs/download", LogDownloadEndpoint.HandleAsync).RequireAuthorization();
        return app;
    }
}
