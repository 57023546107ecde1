using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsConsole.Core.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>Registers connections, the JSON 1.1 transport and the client factory.</summary>
    public static IServiceCollection AddAwsAccess(this IServiceCollection services)
    {
        Amazon.AWSConfigs.InitializeCollections = true;
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.SectionName)
            .Validate(o => o.MaxAttempts is >= 1 and <= 10, "Aws:MaxAttempts must be between 1 and 10.")
            .Validate(o => o.Connections.All(c => !string.IsNullOrWhiteSpace(c.Name)), "Every Aws:Connections entry needs a Name.")
            .ValidateOnStart();
        services.AddHttpClient(AwsJsonTransport.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AwsCallMetrics>();
        services.TryAddSingleton<AwsJsonTransport>();
        // Built from the options explicitly: ConnectionRegistry.From is for tests and tools.
        services.TryAddSingleton(sp => new ConnectionRegistry(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AwsOptions>>()));
        services.TryAddSingleton<AwsClientFactory>();
        return services;
    }
}
