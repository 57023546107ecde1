using EcsConsole.Core.History;
using EcsConsole.Core.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsConsole.Core.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>The shared cluster watchers, task history (with its cleanup) and the task commands.</summary>
    public static IServiceCollection AddLiveClusters(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName)
            .Validate(o => o.RefreshInterval >= TimeSpan.FromMilliseconds(100), "Live:RefreshInterval must be at least 100 ms.")
            .Validate(o => o.MaxBackoff >= o.RefreshInterval, "Live:MaxBackoff must not be shorter than Live:RefreshInterval.")
            .Validate(o => o.SubscriberBuffer >= 1, "Live:SubscriberBuffer must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.SectionName)
            .Validate(o => o.Retention > TimeSpan.Zero, "History:Retention must be positive.")
            .Validate(o => o.CleanupInterval > TimeSpan.Zero, "History:CleanupInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TaskHistory>();
        services.AddHostedService<TaskHistoryCleanup>();
        services.AddSingleton<LiveClusters>();
        services.AddSingleton<ILiveClusters>(sp => sp.GetRequiredService<LiveClusters>());
        services.AddSingleton<EcsTaskCommands>();
        return services;
    }
}
