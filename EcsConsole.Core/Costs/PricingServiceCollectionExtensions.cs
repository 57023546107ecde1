using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Core.Costs;

public static class PricingServiceCollectionExtensions
{
    /// <summary>Safe to call from several features: the options are bound once.</summary>
    public static IServiceCollection AddFargatePricing(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(FargatePriceCalculator))) return services;
        services.AddOptions<PricingOptions>().BindConfiguration(PricingOptions.SectionName)
            .Validate(o => o.HoursPerMonth > 0, "Pricing:HoursPerMonth must be positive.")
            .Validate(o => o.Regions.Values.All(r => r.VcpuHour >= 0 && r.GbHour >= 0 && r.SpotDiscount is >= 0 and < 1
                                                   && r.WindowsLicenseVcpuHour >= 0 && r.WindowsMinimumMinutes >= 1 && (r.SpotVcpuHour is null or >= 0) && (r.SpotGbHour is null or >= 0)),
                "Pricing:Regions prices must not be negative, SpotDiscount is between 0 and 1 and WindowsMinimumMinutes is at least 1.")
            .ValidateOnStart();
        services.AddSingleton<FargatePriceCalculator>();
        return services;
    }
}
