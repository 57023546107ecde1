using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsConsole.Core.Logs;

public static class LogsServiceCollectionExtensions
{
    /// <summary>The log viewer's Core services: sources, the shared readers, the range reader, settings.</summary>
    public static IServiceCollection AddEcsConsoleLogs(this IServiceCollection services)
    {
        services.AddOptions<LogsOptions>().BindConfiguration(LogsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.MaxIdleInterval >= o.PollInterval,
                "Logs:PollInterval must be positive and Logs:MaxIdleInterval at least as long.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILogEventSource, CloudWatchLogEventSource>();
        services.TryAddSingleton<LogRangeReader>();
        services.TryAddSingleton<LogTailerHub>();
        services.TryAddSingleton<LogSourceResolver>();
        services.TryAddSingleton<LogViewerSettingsStore>();
        return services;
    }
}
