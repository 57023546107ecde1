using EcsConsole.Core.Costs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsConsole.Core.TaskDefinitions;

public static class TaskDefinitionServiceCollectionExtensions
{
    /// <summary>Task definitions (browse, register, drafts) and the Fargate price table they show.</summary>
    public static IServiceCollection AddTaskDefinitions(this IServiceCollection services)
    {
        services.AddFargatePricing();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TaskDefinitionService>();
        services.AddSingleton<TaskDefinitionDraftStore>();
        return services;
    }
}
