using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcsConsole.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Binds <see cref="StorageOptions"/>, creates the data folder and registers the DbContext factory.</summary>
    public static IServiceCollection AddEcsConsoleStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataPath), "Storage:DataPath must not be empty.")
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString is required when Storage:Provider is Postgres.")
            .ValidateOnStart();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var folder = new DataFolder(Path.IsPathRooted(storage.DataPath)
            ? storage.DataPath
            : Path.Combine(environment.ContentRootPath, storage.DataPath));
        services.AddSingleton(folder);
        services.AddDbContextFactory<EcsConsoleDbContext, ConsoleDbContextFactory>(options =>
        {
            if (storage.Provider == DatabaseProvider.Postgres)
            {
                options.UseNpgsql(storage.ConnectionString);
            }
            else
            {
                var cs = string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? $"Data Source={folder.File("ecsconsole.db")}"
                    : storage.ConnectionString;
                options.UseSqlite(cs);
            }
        });
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<Commands.CommandRunner>();
        return services;
    }
}
