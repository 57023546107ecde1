using EcsConsole.Core.Networking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsConsole.Core.Running;

public static class RunningServiceCollectionExtensions
{
    /// <summary>Running tasks, managing services and the network choices they need.</summary>
    public static IServiceCollection AddEcsConsoleRunning(this IServiceCollection services)
    {
        services.AddHttpClient(ReachabilityChecker.HttpClientName, c => c.Timeout = ReachabilityChecker.Timeout + TimeSpan.FromSeconds(1));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NetworkCatalog>();
        services.AddSingleton<RunCatalog>();
        services.AddSingleton<RunPresetStore>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<ReachabilityChecker>();
        services.AddSingleton<Services.ParkStore>();
        services.AddSingleton<Services.ServiceManager>();
        return services;
    }
}
