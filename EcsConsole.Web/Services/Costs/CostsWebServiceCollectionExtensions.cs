using EcsConsole.Core.Costs;

namespace EcsConsole.Web.Services.Costs;

public static class CostsWebServiceCollectionExtensions
{
    /// <summary>Cost meter, region totals, auto-stop timers and park schedules (Core, with their hosted schedulers).</summary>
    public static IServiceCollection AddCostsConsole(this IServiceCollection services)
    {
        services.AddEcsConsoleCosts();
        return services;
    }
}
