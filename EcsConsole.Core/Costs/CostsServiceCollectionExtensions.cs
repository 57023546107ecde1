using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Schedules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsConsole.Core.Costs;

public static class CostsServiceCollectionExtensions
{
    /// <summary>Cost meter, region totals, forgotten tasks, auto-stop timers and park schedules (with their schedulers).</summary>
    public static IServiceCollection AddEcsConsoleCosts(this IServiceCollection services)
    {
        services.AddFargatePricing();
        services.AddOptions<CostOptions>().BindConfiguration(CostOptions.SectionName)
            .Validate(o => o.ForgottenAfter > TimeSpan.Zero, "Costs:ForgottenAfter must be positive.")
            .Validate(o => o.RegionRefreshInterval >= TimeSpan.FromSeconds(5), "Costs:RegionRefreshInterval must be at least 5 seconds.")
            .Validate(o => o.HistoryStaleAfter > TimeSpan.Zero, "Costs:HistoryStaleAfter must be positive.")
            .ValidateOnStart();
        services.AddOptions<AutoStopOptions>().BindConfiguration(AutoStopOptions.SectionName)
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(100), "AutoStop:PollInterval must be at least 100 ms.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "AutoStop:RetryDelay must be positive and not above MaxRetryDelay.")
            .Validate(o => o.MaxAttempts >= 1, "AutoStop:MaxAttempts must be at least 1.")
            .Validate(o => o.MaxTimeToLive > TimeSpan.Zero, "AutoStop:MaxTimeToLive must be positive.")
            .ValidateOnStart();
        services.AddOptions<ParkScheduleOptions>().BindConfiguration(ParkScheduleOptions.SectionName)
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(100), "Schedules:PollInterval must be at least 100 ms.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "Schedules:RetryDelay must be positive and not above MaxRetryDelay.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PublicIpResolver>();
        services.AddSingleton<CostMeter>();
        services.AddSingleton<CostHistory>();
        services.AddSingleton<RegionCosts>();
        services.AddSingleton<ForgottenTasks>();
        services.AddSingleton<SchedulerSignal>();
        services.AddSingleton<AutoStopService>();
        services.AddSingleton<AutoStopScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<AutoStopScheduler>());
        services.AddSingleton<ParkScheduleService>();
        services.AddSingleton<ParkScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ParkScheduler>());
        return services;
    }
}
