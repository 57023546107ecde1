using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Tests.Sandbox;

/// <summary>Services keep their desired count, replace stopped tasks and roll out new revisions.</summary>
public sealed class ServiceSchedulerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<Service> ServiceAsync(SandboxHarness sandbox, string name = "fastapi-demo-service")
        => Assert.Single(await sandbox.Ecs.DescribeServicesBatchedAsync("demo", [name], Ct));

    private static async Task<List<string>> ServiceTasksAsync(SandboxHarness sandbox, string desired = "RUNNING")
        => (await sandbox.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "demo", ServiceName = "fastapi-demo-service", DesiredStatus = desired }, Ct)).TaskArns!;

    [Fact]
    public async Task ScalingUpStartsTasksUntilTheDesiredCountRuns()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        await sandbox.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "demo", Service = "fastapi-demo-service", DesiredCount = 3 }, Ct);
        sandbox.Advance(1);
        var service = await ServiceAsync(sandbox);
        Assert.Equal((3, 1, 2), (service.DesiredCount, service.RunningCount, service.PendingCount));
        Assert.StartsWith("(service fastapi-demo-service) has started 2 tasks:", service.Events![0].Message, StringComparison.Ordinal);

        sandbox.Advance(10);
        service = await ServiceAsync(sandbox);
        Assert.Equal((3, 0), (service.RunningCount, service.PendingCount));
        Assert.Equal("(service fastapi-demo-service) has reached a steady state.", service.Events![0].Message);
    }

    [Fact]
    public async Task AStoppedTaskIsReplaced()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var original = Assert.Single(await ServiceTasksAsync(sandbox));

        await sandbox.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "demo", Task = original }, Ct);
        sandbox.Advance(1);

        var now = Assert.Single(await ServiceTasksAsync(sandbox));
        Assert.NotEqual(original, now);
        sandbox.Advance(10);
        Assert.Equal("RUNNING", (await sandbox.DescribeTaskAsync(now)).LastStatus);
        Assert.Equal(1, (await ServiceAsync(sandbox)).RunningCount);
    }

    [Fact]
    public async Task ScalingToZeroStopsTheTasksWithTheSchedulersReason()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var original = Assert.Single(await ServiceTasksAsync(sandbox));

        await sandbox.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "demo", Service = "fastapi-demo-service", DesiredCount = 0 }, Ct);
        sandbox.Advance(10);

        Assert.Empty(await ServiceTasksAsync(sandbox));
        var task = await sandbox.DescribeTaskAsync(original);
        Assert.Equal(("STOPPED", "ServiceSchedulerInitiated"), (task.LastStatus, task.StopCode));
        Assert.StartsWith("Scaling activity initiated by (deployment ecs-svc/", task.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(0, (await ServiceAsync(sandbox)).RunningCount);
    }

    [Fact]
    public async Task ANewRevisionRollsOutStartingNewTasksBeforeStoppingOldOnes()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var old = Assert.Single(await ServiceTasksAsync(sandbox));
        var revision2 = await TaskLifecycleTests.RegisterAsync(sandbox, "fastapi-demo", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fastapi-demo:latest");

        var updated = (await sandbox.Ecs.UpdateServiceAsync(new UpdateServiceRequest
        {
            Cluster = "demo", Service = "fastapi-demo-service", TaskDefinition = "fastapi-demo:2",
        }, Ct)).Service!;
        Assert.Equal(["PRIMARY", "ACTIVE"], updated.Deployments!.Select(d => d.Status));
        Assert.Equal(("IN_PROGRESS", revision2.TaskDefinitionArn), (updated.Deployments![0].RolloutState, updated.Deployments[0].TaskDefinition));

        sandbox.Advance(3);
        Assert.Equal("RUNNING", (await sandbox.DescribeTaskAsync(old)).LastStatus);
        Assert.Equal(2, (await ServiceTasksAsync(sandbox)).Count);

        sandbox.Advance(30);
        var service = await ServiceAsync(sandbox);
        var deployment = Assert.Single(service.Deployments!);
        Assert.Equal(("PRIMARY", "COMPLETED"), (deployment.Status, deployment.RolloutState));
        var current = Assert.Single(await ServiceTasksAsync(sandbox));
        Assert.Equal(revision2.TaskDefinitionArn, (await sandbox.DescribeTaskAsync(current)).TaskDefinitionArn);
        Assert.Equal("STOPPED", (await sandbox.DescribeTaskAsync(old)).LastStatus);
        Assert.Contains(service.Events!, e => e.Message!.Contains($"(deployment {deployment.Id}) deployment completed.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateServiceStartsItsTasksAndDeleteNeedsScaleToZeroOrForce()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = (await sandbox.Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = "demo", ServiceName = "second", TaskDefinition = "fastapi-demo", DesiredCount = 2, LaunchType = "FARGATE",
            NetworkConfiguration = sandbox.PublicNetwork(),
        }, Ct)).Service!;
        Assert.Equal(("ACTIVE", 2), (created.Status, created.DesiredCount));
        sandbox.Advance(10);
        Assert.Equal(2, (await ServiceAsync(sandbox, "second")).RunningCount);

        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = "demo", Service = "second" }, Ct));
        Assert.Equal("The service cannot be stopped while it is scaled above 0.", refused.AwsMessage);

        var deleted = (await sandbox.Ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = "demo", Service = "second", Force = true }, Ct)).Service!;
        Assert.Equal("DRAINING", deleted.Status);
        sandbox.Advance(10);
        Assert.Equal("INACTIVE", (await ServiceAsync(sandbox, "second")).Status);
        Assert.DoesNotContain("arn:aws:ecs:us-east-1:123456789012:service/demo/second", await SeededAccountTests.ToListAsync(sandbox.Ecs.ListAllServicesAsync("demo", Ct)));
    }

    [Fact]
    public async Task CreatingAServiceThatExistsIsNotIdempotent()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = "demo", ServiceName = "fastapi-demo-service", TaskDefinition = "fastapi-demo", DesiredCount = 1, NetworkConfiguration = sandbox.PublicNetwork(),
        }, Ct));

        Assert.Equal(("InvalidParameterException", "Creation of service was not idempotent."), (error.ErrorCode, error.AwsMessage));
    }

    [Fact]
    public async Task UpdatingAnUnknownServiceIsServiceNotFound()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sandbox.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "demo", Service = "ghost", DesiredCount = 1 }, Ct));

        Assert.Equal(("ServiceNotFoundException", AwsErrorKind.NotFound), (error.ErrorCode, error.Kind));
    }

    [Fact]
    public async Task ACrashingRevisionTripsTheCircuitBreakerAndStopsLaunching()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await TaskLifecycleTests.RegisterAsync(sandbox, "fastapi-demo", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fastapi-demo:crash");

        await sandbox.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "demo", Service = "fastapi-demo-service", TaskDefinition = "fastapi-demo:2" }, Ct);
        for (var i = 0; i < 120; i++) sandbox.Advance(1);

        var service = await ServiceAsync(sandbox);
        var primary = service.Deployments!.Single(d => d.Status == "PRIMARY");
        Assert.Equal("FAILED", primary.RolloutState);
        Assert.True(primary.FailedTasks >= 3);
        Assert.Contains(service.Events!, e => e.Message!.Contains("is unable to consistently start tasks successfully", StringComparison.Ordinal));
        // The old revision keeps serving.
        Assert.Equal(1, service.Deployments!.Single(d => d.Status == "ACTIVE").RunningCount);
    }
}
