using EcsConsole.Core.Live;

namespace EcsConsole.Web.Services.Live;

public static class LiveWebServiceCollectionExtensions
{
    /// <summary>Core's shared watchers, history and task commands, plus the pages' helpers.</summary>
    public static IServiceCollection AddLiveConsole(this IServiceCollection services)
    {
        services.AddLiveClusters();
        services.AddSingleton<PublicEndpoints>();
        return services;
    }

    /// <summary>The endpoints the live pages link to.</summary>
    public static IEndpointRouteBuilder MapLiveConsole(this IEndpointRouteBuilder endpoints)
    {
        PublicEndpoints.MapSandboxApps(endpoints);
        return endpoints;
    }
}
