using EcsConsole.Core.Running;

namespace EcsConsole.Web.Services.Running;

public static class RunningWebServiceCollectionExtensions
{
    /// <summary>Running tasks and managing services: Core commands plus the web's address map.</summary>
    public static IServiceCollection AddRunningPages(this IServiceCollection services)
    {
        services.AddEcsConsoleRunning();
        services.AddSingleton<TaskAddressMap>();
        return services;
    }
}
