using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Ecs;

internal sealed partial class EcsApi
{
    private static ListServicesResponse ListServices(ListServicesRequest request, RegionContext ctx)
    {
        EcsLookup.CheckMaxResults(request.MaxResults);
        var cluster = Cluster(ctx, request.Cluster);
        var arns = ctx.Region.Services
            .Where(s => s.ClusterName == cluster.Name && s.Status != "INACTIVE")
            .Where(s => request.LaunchType is null || s.LaunchType == request.LaunchType)
            .Where(s => request.SchedulingStrategy is null or "REPLICA")
            .OrderBy(s => s.CreatedAt)
            .Select(s => s.Arn)
            .ToList();
        // ListServices returns 10 per page unless asked for more, as AWS does.
        var page = Paging.Page(arns, request.NextToken, request.MaxResults ?? 10, $"services:{cluster.Name}", out var next);
        return new ListServicesResponse { ServiceArns = page, NextToken = next };
    }

    private static DescribeServicesResponse DescribeServices(DescribeServicesRequest request, RegionContext ctx)
    {
        var cluster = Cluster(ctx, request.Cluster);
        var includeTags = request.Include?.Contains("TAGS") == true;
        var (services, failures) = DescribeBatch(request.Services, MaxDescribeServices, "Services",
            name => EcsLookup.TryService(ctx, cluster, name), s => EcsRender.Service(ctx, s, includeTags), name => ctx.Arns.Service(cluster.Name, name));
        return new DescribeServicesResponse { Services = services, Failures = failures };
    }

    private static CreateServiceResponse CreateService(CreateServiceRequest request, RegionContext ctx)
    {
        var cluster = Cluster(ctx, request.Cluster);
        var name = request.ServiceName;
        if (string.IsNullOrWhiteSpace(name) || !NamePattern().IsMatch(name))
        {
            throw SandboxApiException.InvalidParameter("Service name is invalid. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.");
        }

        if (request.ClientToken is { Length: > 0 } token && ctx.Region.ClientTokens.TryGetValue("CreateService:" + token, out var earlier)
            && ctx.Region.Services.FirstOrDefault(s => s.Arn == earlier[0] && s.Status == "ACTIVE") is { } same)
        {
            return new CreateServiceResponse { Service = EcsRender.Service(ctx, same, true) };
        }

        if (ctx.Region.Services.Any(s => s.ClusterName == cluster.Name && s.Name == name && s.Status != "INACTIVE"))
        {
            throw SandboxApiException.InvalidParameter("Creation of service was not idempotent.");
        }

        if (request.SchedulingStrategy is "DAEMON")
        {
            throw SandboxApiException.InvalidParameter("The daemon scheduling strategy is not supported on Fargate.");
        }

        var desired = request.DesiredCount ?? 0;
        if (desired < 0)
        {
            throw SandboxApiException.InvalidParameter("desiredCount can not be negative.");
        }

        var definition = RunnableDefinition(ctx, request.TaskDefinition);
        var (launchType, capacityProvider) = LaunchTarget(request.LaunchType, request.CapacityProviderStrategy);

        _ = TaskLauncher.ResolveNetwork(ctx, request.NetworkConfiguration);
        var deployment = NewDeployment(ctx, definition.TaskDefinitionArn!, desired, request.NetworkConfiguration);
        var service = new ServiceState
        {
            Name = name,
            Arn = ctx.Arns.Service(cluster.Name, name),
            ClusterName = cluster.Name,
            DesiredCount = desired,
            LaunchType = launchType,
            CapacityProvider = capacityProvider,
            PlatformVersion = request.PlatformVersion ?? "LATEST",
            NetworkConfiguration = request.NetworkConfiguration,
            DeploymentConfiguration = WithDefaults(request.DeploymentConfiguration),
            CreatedAt = ctx.Now,
            Deployments = [deployment],
            Tags = [.. request.Tags ?? []],
            EnableExecuteCommand = request.EnableExecuteCommand ?? false,
            PropagateTags = request.PropagateTags,
        };
        ctx.Region.Services.RemoveAll(s => s.ClusterName == cluster.Name && s.Name == name);
        ctx.Region.Services.Add(service);
        if (request.ClientToken is { Length: > 0 } newToken)
        {
            ctx.Region.ClientTokens["CreateService:" + newToken] = [service.Arn];
        }

        return new CreateServiceResponse { Service = EcsRender.Service(ctx, service, true) };
    }

    private static UpdateServiceResponse UpdateService(UpdateServiceRequest request, RegionContext ctx)
    {
        var cluster = Cluster(ctx, request.Cluster);
        var service = EcsLookup.ActiveService(ctx, cluster, request.Service);

        if (request.DesiredCount is { } desired)
        {
            if (desired < 0)
            {
                throw SandboxApiException.InvalidParameter("desiredCount can not be negative.");
            }

            service.DesiredCount = desired;
        }

        if (request.DeploymentConfiguration is { } deploymentConfiguration)
        {
            service.DeploymentConfiguration = WithDefaults(deploymentConfiguration);
        }

        var primary = service.Deployments.First(d => d.Status == "PRIMARY");
        var definitionArn = primary.TaskDefinitionArn;
        if (request.TaskDefinition is { Length: > 0 } reference)
        {
            definitionArn = RunnableDefinition(ctx, reference).TaskDefinitionArn!;
        }

        var network = service.NetworkConfiguration;
        if (request.NetworkConfiguration is { } newNetwork)
        {
            _ = TaskLauncher.ResolveNetwork(ctx, newNetwork);
            network = newNetwork;
        }

        if (definitionArn != primary.TaskDefinitionArn || request.ForceNewDeployment == true || !ReferenceEquals(network, service.NetworkConfiguration))
        {
            foreach (var deployment in service.Deployments) deployment.Status = "ACTIVE";
            service.NetworkConfiguration = network;
            service.Deployments.Insert(0, NewDeployment(ctx, definitionArn, service.DesiredCount, network));
            service.Steady = false;
        }

        if (request.EnableExecuteCommand is { } exec) service.EnableExecuteCommand = exec;
        if (request.PropagateTags is { } propagate) service.PropagateTags = propagate;
        return new UpdateServiceResponse { Service = EcsRender.Service(ctx, service, false) };
    }

    private static DeleteServiceResponse DeleteService(DeleteServiceRequest request, RegionContext ctx)
    {
        var cluster = Cluster(ctx, request.Cluster);
        var service = EcsLookup.ActiveService(ctx, cluster, request.Service);

        if (service.DesiredCount > 0 && request.Force != true)
        {
            throw SandboxApiException.InvalidParameter("The service cannot be stopped while it is scaled above 0.");
        }

        service.DesiredCount = 0;
        service.Status = "DRAINING";
        return new DeleteServiceResponse { Service = EcsRender.Service(ctx, service, false) };
    }

    private static DeploymentState NewDeployment(RegionContext ctx, string taskDefinitionArn, int desired, NetworkConfiguration? network) => new()
    {
        Id = ServiceScheduler.NewDeploymentId(),
        Status = "PRIMARY",
        TaskDefinitionArn = taskDefinitionArn,
        DesiredCount = desired,
        CreatedAt = ctx.Now,
        UpdatedAt = ctx.Now,
        RolloutState = "IN_PROGRESS",
        RolloutStateReason = "ECS deployment in progress.",
        NetworkConfiguration = network,
    };

    private static DeploymentConfiguration WithDefaults(DeploymentConfiguration? configuration) => (configuration ?? new DeploymentConfiguration()) with
    {
        MaximumPercent = configuration?.MaximumPercent ?? 200,
        MinimumHealthyPercent = configuration?.MinimumHealthyPercent ?? 100,
        DeploymentCircuitBreaker = configuration?.DeploymentCircuitBreaker ?? new DeploymentCircuitBreaker { Enable = false, Rollback = false },
        Strategy = configuration?.Strategy ?? "ROLLING",
    };
}
