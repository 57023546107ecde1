using EcsConsole.Core.AutoStop;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Costs;
using EcsConsole.Core.History;
using EcsConsole.Core.Live;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Schedules;
using EcsConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Web.Costs;

/// <summary>What pages with cost columns, countdowns and schedules need in bUnit: the real services over the test's database and AWS fake.</summary>
public static class CostTestServices
{
    public static IServiceCollection AddCostPages(this IServiceCollection services, TestDatabase db, AwsTestHarness aws, CommandRunner runner, TaskHistory history)
    {
        var prices = new FargatePriceCalculator(Options.Create(new PricingOptions()));
        var meter = new CostMeter(prices);
        var costOptions = Options.Create(new CostOptions());
        var costHistory = new CostHistory(db, meter, costOptions, aws.Time);
        var signal = new SchedulerSignal();
        var timers = new AutoStopService(db, runner, signal, Options.Create(new AutoStopOptions()), aws.Time);
        // No cluster is watched here: region costs ask AWS themselves.
        var live = new LiveClusters(aws.Factory, history, Options.Create(new LiveOptions()), aws.Time, NullLoggerFactory.Instance);
        var regionCosts = new RegionCosts(aws.Factory, history, costHistory, meter, prices, new PublicIpResolver(aws.Factory), live, costOptions, aws.Time,
            NullLogger<RegionCosts>.Instance);
        services.AddSingleton(prices);
        services.AddSingleton(meter);
        services.AddSingleton(costHistory);
        services.AddSingleton(timers);
        services.AddSingleton(regionCosts);
        services.AddSingleton(new ForgottenTasks(regionCosts, timers, costOptions, aws.Time));
        services.AddSingleton(new ParkScheduleService(db, runner, signal, aws.Time));
        return services;
    }
}
