using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsConsole.Core.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>ECR repositories, images, push commands and "used by".</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RegistryService>();
        services.TryAddSingleton<ImageUsageService>();
        return services;
    }
}
