using EcsConsole.Core.Live;

namespace EcsConsole.Web.Services.Live;

public static class LiveWebServiceCollectionExtensions
{
    /// <summary>Core's shared watchers, task history and task commands for the live pages.</summary>
    public static IServiceCollection AddLiveConsole(this IServiceCollection services) => services.AddLiveClusters();
}
