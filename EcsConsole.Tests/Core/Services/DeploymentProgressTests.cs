using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Services;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Tests.Core.Services;

public sealed class DeploymentProgressTests
{
    private static Service Service(string deployments, string events = "[]")
        => JsonSerializer.Deserialize<Service>($$"""
            {"serviceName":"web","status":"ACTIVE","desiredCount":2,"runningCount":2,"pendingCount":0,
             "deployments":{{deployments}},"events":{{events}}}
            """, AwsJson.Options)!;

    private const string Old = """{"id":"ecs-svc/old","status":"ACTIVE","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:3","desiredCount":2,"runningCount":2,"pendingCount":0,"failedTasks":0,"rolloutState":"COMPLETED"}""";

    [Fact]
    public void A_rollout_with_old_tasks_still_running_is_in_progress_with_counts()
    {
        var s = Service($$"""[{"id":"ecs-svc/new","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:4","desiredCount":2,"runningCount":1,"pendingCount":1,"failedTasks":0,"rolloutState":"IN_PROGRESS"},{{Old}}]""",
            """[{"id":"e1","createdAt":1773480400,"message":"(service web) has started 1 tasks: (task abc)."}]""");

        var p = DeploymentProgress.From(s, "ecs-svc/new");

        Assert.Equal(DeploymentEndState.InProgress, p.State);
        Assert.False(p.IsFinished);
        Assert.Equal("Deploying web:4: 1 of 2 running, 1 pending, 2 old tasks still running.", p.Headline);
        Assert.Equal(2, p.Deployments.Count);
        Assert.Equal("(service web) has started 1 tasks: (task abc).", p.Events.Single().Message);
    }

    [Fact]
    public void A_completed_rollout_is_completed()
    {
        var s = Service("""[{"id":"ecs-svc/new","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:4","desiredCount":2,"runningCount":2,"pendingCount":0,"failedTasks":0,"rolloutState":"COMPLETED"}]""");

        var p = DeploymentProgress.From(s, null);

        Assert.Equal(DeploymentEndState.Completed, p.State);
        Assert.True(p.IsFinished);
        Assert.Equal("Deployment completed: 2 of 2 tasks run web:4.", p.Headline);
    }

    [Fact]
    public void A_scale_that_has_not_arrived_yet_is_in_progress_even_though_the_rollout_completed_earlier()
    {
        var s = Service("""[{"id":"ecs-svc/1","status":"PRIMARY","taskDefinition":"web:3","desiredCount":2,"runningCount":1,"pendingCount":1,"rolloutState":"COMPLETED"}]""")
            with { RunningCount = 1, PendingCount = 1 };

        var p = DeploymentProgress.From(s, null);

        Assert.Equal(DeploymentEndState.InProgress, p.State);
        Assert.Equal("Deploying web:3: 1 of 2 running, 1 pending.", p.Headline);
    }

    [Fact]
    public void A_circuit_breaker_without_rollback_ends_failed_and_says_the_service_stays()
    {
        var s = Service("""[{"id":"ecs-svc/new","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:4","desiredCount":2,"runningCount":0,"pendingCount":0,"failedTasks":3,"rolloutState":"FAILED","rolloutStateReason":"ECS deployment circuit breaker: tasks failed to start."}]""");

        var p = DeploymentProgress.From(s, "ecs-svc/new", [new FailedTaskView("t1", "TaskFailedToStart", "CannotPullContainerError: pull access denied", "The image could not be pulled.")]);

        Assert.Equal(DeploymentEndState.Failed, p.State);
        Assert.True(p.IsFinished);
        Assert.Equal("The deployment of web:4 failed: ECS deployment circuit breaker: tasks failed to start. No rollback is configured, so the service stays on this revision.", p.Headline);
        Assert.Equal("t1", p.FailedTasks.Single().TaskId);
    }

    [Fact]
    public void A_failed_deployment_behind_a_new_primary_is_rolling_back_then_rolled_back()
    {
        const string Failed = """{"id":"ecs-svc/new","status":"ACTIVE","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:4","desiredCount":0,"runningCount":0,"pendingCount":0,"failedTasks":3,"rolloutState":"FAILED","rolloutStateReason":"ECS deployment circuit breaker: tasks failed to start."}""";

        var rolling = DeploymentProgress.From(Service($$"""[{"id":"ecs-svc/back","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:3","desiredCount":2,"runningCount":1,"pendingCount":1,"failedTasks":0,"rolloutState":"IN_PROGRESS"},{{Failed}}]"""), "ecs-svc/new");
        var done = DeploymentProgress.From(Service($$"""[{"id":"ecs-svc/back","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:3","desiredCount":2,"runningCount":2,"pendingCount":0,"failedTasks":0,"rolloutState":"COMPLETED"},{{Failed}}]"""), "ecs-svc/new");

        Assert.Equal(DeploymentEndState.RollingBack, rolling.State);
        Assert.False(rolling.IsFinished);
        Assert.Equal("The deployment of web:4 failed (ECS deployment circuit breaker: tasks failed to start); rolling back to web:3: 1 of 2 running, 1 pending.", rolling.Headline);
        Assert.Equal(DeploymentEndState.RolledBack, done.State);
        Assert.True(done.IsFinished);
        Assert.Equal("The deployment of web:4 failed and was rolled back to web:3 (ECS deployment circuit breaker: tasks failed to start).", done.Headline);
    }

    [Fact]
    public void A_deployment_replaced_by_a_newer_one_is_superseded()
    {
        var s = Service("""[{"id":"ecs-svc/newer","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:5","desiredCount":2,"runningCount":0,"pendingCount":2,"rolloutState":"IN_PROGRESS"},{"id":"ecs-svc/new","status":"ACTIVE","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/web:4","desiredCount":2,"runningCount":1,"pendingCount":0,"rolloutState":"IN_PROGRESS"}]""");

        Assert.Equal(DeploymentEndState.Superseded, DeploymentProgress.From(s, "ecs-svc/new").State);
    }

    [Fact]
    public void Without_a_rollout_state_one_deployment_at_its_count_is_completed()
    {
        var s = Service("""[{"id":"ecs-svc/1","status":"PRIMARY","taskDefinition":"web:1","desiredCount":2,"runningCount":2,"pendingCount":0}]""");

        Assert.Equal(DeploymentEndState.Completed, DeploymentProgress.From(s, null).State);
    }

    [Fact]
    public void Following_a_failed_deployment_on_the_watched_cluster_explains_why_its_own_tasks_stopped()
    {
        var service = EcsServiceMapper.ToSummary(Service("""[{"id":"ecs-svc/9","status":"PRIMARY","taskDefinition":"web:4","desiredCount":1,"runningCount":0,"failedTasks":1,"rolloutState":"FAILED","rolloutStateReason":"ECS deployment circuit breaker: tasks failed to start."}]""")
            with { DesiredCount = 1, RunningCount = 0 });
        var tasks = EcsTaskMapper.ToDetails(JsonSerializer.Deserialize<List<EcsTask>>("""
            [{"taskArn":"arn:aws:ecs:eu-west-1:1:task/demo/t1","lastStatus":"STOPPED","desiredStatus":"STOPPED","startedBy":"ecs-svc/9","stopCode":"TaskFailedToStart","stoppedReason":"CannotPullContainerError: pull image manifest has been retried 5 time(s)","stoppedAt":1773480500},
             {"taskArn":"arn:aws:ecs:eu-west-1:1:task/demo/t2","lastStatus":"STOPPED","desiredStatus":"STOPPED","startedBy":"ecs-svc/1","stopCode":"ServiceSchedulerInitiated","stoppedReason":"Scaling activity"},
             {"taskArn":"arn:aws:ecs:eu-west-1:1:task/demo/t3","lastStatus":"PROVISIONING","desiredStatus":"RUNNING","startedBy":"ecs-svc/9"}]
            """, AwsJson.Options));

        var p = DeploymentProgress.From(service, "ecs-svc/9", tasks);

        Assert.Equal(DeploymentEndState.Failed, p.State);
        var failed = Assert.Single(p.FailedTasks);
        Assert.Equal(("t1", "TaskFailedToStart"), (failed.TaskId, failed.StopCode));
        Assert.Contains("could not be pulled", failed.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_healthy_deployment_lists_no_failed_tasks_even_when_old_ones_stopped()
    {
        var service = EcsServiceMapper.ToSummary(Service("""[{"id":"ecs-svc/9","status":"PRIMARY","taskDefinition":"web:4","desiredCount":2,"runningCount":2,"pendingCount":0,"failedTasks":0,"rolloutState":"COMPLETED"}]"""));
        var tasks = EcsTaskMapper.ToDetails(JsonSerializer.Deserialize<List<EcsTask>>("""
            [{"taskArn":"arn:aws:ecs:eu-west-1:1:task/demo/t2","lastStatus":"STOPPED","desiredStatus":"STOPPED","startedBy":"ecs-svc/9","stopCode":"ServiceSchedulerInitiated","stoppedReason":"Scaling activity"}]
            """, AwsJson.Options));

        var p = DeploymentProgress.From(service, null, tasks);

        Assert.Equal(DeploymentEndState.Completed, p.State);
        Assert.Empty(p.FailedTasks);
    }
}
