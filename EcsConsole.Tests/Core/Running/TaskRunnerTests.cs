using System.Net;
using System.Text.Json.Nodes;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Running;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Core.Running;

public sealed class TaskRunnerTests : IAsyncLifetime
{
    private const string TaskArnA = "arn:aws:ecs:eu-west-1:123456789012:task/demo/aaaa1111";
    private const string TaskArnB = "arn:aws:ecs:eu-west-1:123456789012:task/demo/bbbb2222";
    private readonly RunningWorld _world = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    private static RunTaskPlan Plan(int count = 1, CapacityChoice capacity = CapacityChoice.FargateLaunchType) => RunTaskPlan.For("demo", "web:3") with
    {
        Count = count,
        Capacity = capacity,
        Network = new NetworkPlan("vpc-main", ["subnet-pub-a", "subnet-priv-b"], ["sg-web"]),
        ContainerOverrides = [new ContainerOverridePlan("app", ["uvicorn", "main:app", "--port", "80"], [new NameValue("MODE", "demo")])],
        Tags = [new NameValue("team", "blue")],
    };

    private void StartsTasks(params string[] arns)
        => _world.OnJson("RunTask", new JsonObject
        {
            ["tasks"] = new JsonArray([.. arns.Select(a => (JsonNode)new JsonObject { ["taskArn"] = a, ["lastStatus"] = "PROVISIONING" })]),
            ["failures"] = new JsonArray(),
        }.ToJsonString());

    [Fact]
    public async Task Run_sends_network_overrides_tags_and_started_by_as_RunTask_expects()
    {
        StartsTasks(TaskArnA);

        var result = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(Plan()), null, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Started task aaaa1111 of web:3 on demo.", result.Message);
        var body = _world.Calls("RunTask").Single().Json!;
        Assert.Equal("demo", (string?)body["cluster"]);
        Assert.Equal("web:3", (string?)body["taskDefinition"]);
        Assert.Equal(1, (int?)body["count"]);
        Assert.Equal("FARGATE", (string?)body["launchType"]);
        Assert.Null(body["capacityProviderStrategy"]);
        var vpc = body["networkConfiguration"]!["awsvpcConfiguration"]!;
        Assert.Equal("""["subnet-pub-a","subnet-priv-b"]""", vpc["subnets"]!.ToJsonString());
        Assert.Equal("""["sg-web"]""", vpc["securityGroups"]!.ToJsonString());
        Assert.Equal("ENABLED", (string?)vpc["assignPublicIp"]);
        var container = body["overrides"]!["containerOverrides"]![0]!;
        Assert.Equal("app", (string?)container["name"]);
        Assert.Equal("""["uvicorn","main:app","--port","80"]""", container["command"]!.ToJsonString());
        Assert.Equal("""[{"name":"MODE","value":"demo"}]""", container["environment"]!.ToJsonString());
        Assert.Equal("""[{"key":"team","value":"blue"},{"key":"ecsconsole:started-by","value":"olga@example.com"}]""", body["tags"]!.ToJsonString());
        Assert.Equal("TASK_DEFINITION", (string?)body["propagateTags"]);
        Assert.Equal("olga@example.com", (string?)body["startedBy"]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)body["clientToken"]);
    }

    [Theory]
    [InlineData(CapacityChoice.Fargate, "FARGATE")]
    [InlineData(CapacityChoice.FargateSpot, "FARGATE_SPOT")]
    public async Task Capacity_providers_go_as_a_strategy_without_a_launch_type(CapacityChoice capacity, string provider)
    {
        StartsTasks(TaskArnA);

        await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(Plan(capacity: capacity)), null, CancellationToken.None);

        var body = _world.Calls("RunTask").Single().Json!;
        Assert.Null(body["launchType"]);
        Assert.Equal($$"""[{"capacityProvider":"{{provider}}","weight":1}]""", body["capacityProviderStrategy"]!.ToJsonString());
    }

    [Fact]
    public async Task Without_public_IP_and_overrides_the_request_says_DISABLED_and_has_no_overrides()
    {
        StartsTasks(TaskArnA);
        var plan = Plan() with { ContainerOverrides = [], Network = Plan().Network with { AssignPublicIp = false } };

        await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(plan), null, CancellationToken.None);

        var body = _world.Calls("RunTask").Single().Json!;
        Assert.Equal("DISABLED", (string?)body["networkConfiguration"]!["awsvpcConfiguration"]!["assignPublicIp"]);
        Assert.Null(body["overrides"]);
    }

    [Fact]
    public async Task The_client_token_is_the_same_for_every_retry_of_a_submission_and_new_for_the_next_submission()
    {
        // The first attempt fails transiently (503); the transport retries with the same bytes.
        _world.Aws.Http.EnqueueError(HttpStatusCode.ServiceUnavailable, "ServerException", "try again");
        StartsTasks(TaskArnA);
        var submission = RunTaskSubmission.Create(Plan());

        var running = _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, submission, null, CancellationToken.None);
        // The factory's retry policy uses full jitter: the first backoff is somewhere in (0, 1 s].
        var backoff = await _world.Aws.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due <= TimeSpan.FromSeconds(1));
        _world.Aws.Time.Advance(backoff);
        var first = await running;
        // The person presses "Retry" on the same submission (e.g. after a timeout they could not see through).
        var again = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, submission, null, CancellationToken.None);
        var next = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(Plan()), null, CancellationToken.None);

        Assert.True(first.Succeeded && again.Succeeded && next.Succeeded);
        var tokens = _world.Calls("RunTask").Select(r => (string?)r.Json!["clientToken"]).ToList();
        Assert.Equal(4, tokens.Count);
        Assert.Equal(submission.ClientToken, tokens[0]);
        Assert.Equal(submission.ClientToken, tokens[1]);
        Assert.Equal(submission.ClientToken, tokens[2]);
        Assert.NotEqual(submission.ClientToken, tokens[3]);
    }

    public static TheoryData<RunTaskPlan, string> InvalidPlans => new()
    {
        { Plan(count: 0), "Count must be between 1 and 10" },
        { Plan(count: 11), "Count must be between 1 and 10" },
        { Plan() with { Network = new NetworkPlan(null, [], ["sg-web"]) }, "Choose at least one subnet" },
        { Plan() with { TaskDefinition = "" }, "Choose a task definition revision." },
        { Plan() with { TaskDefinition = "web:three" }, "is not a task definition" },
        { Plan() with { Cluster = " " }, "Choose a cluster." },
        { Plan() with { ContainerOverrides = [new ContainerOverridePlan("app", null, [new NameValue("1BAD", "x")])] }, "'1BAD' is not a valid environment variable name" },
        { Plan() with { ContainerOverrides = [new ContainerOverridePlan("app", [], [])] }, "command override of app is empty" },
        { Plan() with { TaskCpu = "256", TaskMemory = "4096" }, "Fargate runs 256 cpu units with 512–2048 MiB" },
        { Plan() with { TaskCpu = "300", TaskMemory = "512" }, "300 is not a Fargate cpu value" },
        { Plan() with { TaskCpu = "256" }, "both cpu and memory" },
        { Plan() with { Tags = [new NameValue("aws:owner", "x")] }, "reserved: keys starting with aws:" },
        { Plan() with { Tags = [new NameValue("ecsconsole:started-by", "x")] }, "reserved for the console" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public async Task An_invalid_plan_is_rejected_with_a_clear_message_before_any_AWS_call(RunTaskPlan plan, string expected)
    {
        Assert.Contains(RunTaskValidator.Validate(plan), p => p.Message.Contains(expected, StringComparison.Ordinal));

        var result = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(plan), null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Empty(_world.Aws.Http.Requests);
        Assert.Equal(AuditOutcome.Rejected, (await _world.AuditAsync()).Single().Outcome);
    }

    [Fact]
    public async Task Subnets_and_groups_from_two_VPCs_are_rejected_when_the_network_is_known()
    {
        _world.WithNetwork();
        var network = await _world.Network.GetChoicesAsync(_world.Aws.Connection.Name, AwsTestHarness.Region, CancellationToken.None);
        var plan = Plan() with { Network = new NetworkPlan(null, ["subnet-pub-a", "subnet-other"], ["sg-web"]) };

        var result = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(plan), network, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("must all be in one VPC", result.Message, StringComparison.Ordinal);
        Assert.Empty(_world.Calls("RunTask"));
    }

    [Fact]
    public async Task Partial_failures_are_reported_per_item_next_to_the_tasks_that_started()
    {
        _world.OnJson("RunTask", $$"""
            {"tasks":[{"taskArn":"{{TaskArnA}}","lastStatus":"PROVISIONING"}],
             "failures":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:container-instance/x","reason":"Capacity is unavailable at this time. Please try again later or in a different availability zone"}]}
            """);

        var result = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(Plan(count: 2, CapacityChoice.FargateSpot)), null, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(["aaaa1111"], result.Value!.Started.Select(s => s.TaskId));
        var failure = Assert.Single(result.Value.Failures);
        Assert.Contains("Fargate has no capacity", failure.Sentence, StringComparison.Ordinal);
        Assert.StartsWith("Started task aaaa1111 of web:3 on demo. 1 could not start: Fargate has no capacity", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_nothing_starts_the_run_fails_with_the_reasons_and_the_audit_entry_says_failed()
    {
        _world.OnJson("RunTask", """{"tasks":[],"failures":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3","reason":"INACTIVE"}]}""");

        var result = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(Plan()), null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("web:3 is INACTIVE (deregistered); choose an ACTIVE revision.", result.Message, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Failed, (await _world.AuditAsync()).Single().Outcome);
        Assert.Null(await _world.Presets.FindAsync(_world.Target.Connection, _world.Target.Region, "demo", "web", CancellationToken.None));
    }

    [Fact]
    public async Task An_AWS_error_becomes_a_sentence()
    {
        _world.On("RunTask", _ => RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "ClusterNotFoundException", "Cluster not found."));

        var result = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(Plan()), null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("Cluster not found.", result.Message, StringComparison.Ordinal);
        Assert.Equal(AwsErrorKind.NotFound, result.ErrorKind);
    }

    [Fact]
    public async Task A_viewer_is_refused_without_any_AWS_call_and_the_refusal_is_audited()
    {
        var result = await _world.Tasks.RunAsync(RunningWorld.Viewer, _world.Target, RunTaskSubmission.Create(Plan()), null, CancellationToken.None);

        Assert.True(result.Refused);
        Assert.Equal("Your role (Viewer) cannot run tasks; this needs the Operator role.", result.Message);
        Assert.Empty(_world.Aws.Http.Requests);
        var entry = (await _world.AuditAsync()).Single();
        Assert.Equal((AuditOutcome.Refused, "RunTask", "demo/web:3", "vic@example.com"), (entry.Outcome, entry.Action, entry.Resource, entry.UserName));
    }

    [Fact]
    public async Task A_successful_run_is_audited_with_its_parameters()
    {
        StartsTasks(TaskArnA, TaskArnB);

        var result = await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(Plan(count: 2)), null, CancellationToken.None);

        Assert.Equal("Started 2 tasks of web:3 on demo.", result.Message);
        var entry = (await _world.AuditAsync()).Single();
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
        Assert.Contains("\"subnets\":\"subnet-pub-a,subnet-priv-b\"", entry.Parameters, StringComparison.Ordinal);
        Assert.Equal("10.0.0.9", entry.ClientIp);
    }

    [Fact]
    public async Task The_network_of_a_run_is_offered_next_time_for_that_cluster_and_family()
    {
        StartsTasks(TaskArnA);
        var plan = Plan(capacity: CapacityChoice.FargateSpot) with { PlatformVersion = "1.4.0" };

        await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target, RunTaskSubmission.Create(plan), null, CancellationToken.None);
        await _world.Tasks.RunAsync(RunningWorld.Operator, _world.Target,
            RunTaskSubmission.Create(plan with { Network = new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-web", "sg-internal"], false) }), null, CancellationToken.None);

        var preset = await _world.Presets.FindAsync(_world.Target.Connection, _world.Target.Region, "demo", "web", CancellationToken.None);
        Assert.NotNull(preset);
        Assert.Equal("vpc-main", preset.VpcId);
        Assert.Equal(["subnet-pub-a"], preset.ToNetwork().Subnets);
        Assert.Equal(["sg-web", "sg-internal"], preset.ToNetwork().SecurityGroups);
        Assert.False(preset.AssignPublicIp);
        Assert.Equal((CapacityChoice.FargateSpot, "1.4.0", "olga@example.com"), (preset.Capacity, preset.PlatformVersion, preset.UpdatedBy));
        Assert.Null(await _world.Presets.FindAsync(_world.Target.Connection, _world.Target.Region, "other-cluster", "web", CancellationToken.None));
        Assert.NotNull(await _world.Presets.FindLatestForFamilyAsync(_world.Target.Connection, _world.Target.Region, "web", CancellationToken.None));
    }

    [Fact]
    public async Task Run_again_rebuilds_revision_capacity_network_overrides_and_tags_from_a_running_task()
    {
        _world.OnJson("DescribeTasks", $$"""
            {"tasks":[{"taskArn":"{{TaskArnA}}","clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/demo",
              "taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3","capacityProviderName":"FARGATE_SPOT",
              "platformVersion":"1.4.0","lastStatus":"RUNNING","cpu":"256","memory":"512",
              "attachments":[{"type":"ElasticNetworkInterface","status":"ATTACHED","details":[{"name":"subnetId","value":"subnet-pub-a"},{"name":"networkInterfaceId","value":"eni-1"}]}],
              "overrides":{"containerOverrides":[{"name":"app","command":["python","job.py"],"environment":[{"name":"MODE","value":"batch"}]},{"name":"sidecar"}]},
              "tags":[{"key":"team","value":"blue"},{"key":"ecsconsole:started-by","value":"olga"},{"key":"aws:ecs:clusterName","value":"demo"}]}],"failures":[]}
            """);
        _world.OnXml("DescribeNetworkInterfaces", RunningWorld.Ec2("DescribeNetworkInterfacesResponse", """
            <networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><vpcId>vpc-main</vpcId><subnetId>subnet-pub-a</subnetId>
              <groupSet><item><groupId>sg-web</groupId><groupName>web</groupName></item></groupSet>
              <association><publicIp>203.0.113.7</publicIp></association></item></networkInterfaceSet>
            """));

        var plan = await _world.Tasks.PlanRunAgainAsync(_world.Target, "demo", "aaaa1111", CancellationToken.None);

        Assert.NotNull(plan);
        Assert.Equal(("demo", "web:3", CapacityChoice.FargateSpot, "1.4.0", 1), (plan.Cluster, plan.TaskDefinition, plan.Capacity, plan.PlatformVersion, plan.Count));
        Assert.Equal("vpc-main", plan.Network.VpcId);
        Assert.Equal(["subnet-pub-a"], plan.Network.Subnets);
        Assert.Equal(["sg-web"], plan.Network.SecurityGroups);
        Assert.True(plan.Network.AssignPublicIp);
        var o = Assert.Single(plan.ContainerOverrides);
        Assert.Equal(("app", "python job.py", "MODE=batch"), (o.ContainerName, string.Join(' ', o.Command!), string.Join(',', o.Environment.Select(e => $"{e.Name}={e.Value}"))));
        Assert.Equal(["team"], plan.Tags.Select(t => t.Name));
        Assert.Empty(RunTaskValidator.Validate(plan));
    }

    [Fact]
    public async Task Run_again_of_a_stopped_task_whose_ENI_is_gone_takes_groups_and_public_IP_from_the_preset()
    {
        await _world.Presets.SaveAsync(_world.Target.Connection, _world.Target.Region, "demo", "web",
            new NetworkPlan("vpc-main", ["subnet-priv-b"], ["sg-internal"], false), CapacityChoice.FargateLaunchType, null, "x", CancellationToken.None);
        _world.OnJson("DescribeTasks", $$"""
            {"tasks":[{"taskArn":"{{TaskArnA}}","clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/demo","launchType":"FARGATE",
              "taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3","lastStatus":"STOPPED",
              "attachments":[{"type":"ElasticNetworkInterface","status":"DELETED","details":[{"name":"subnetId","value":"subnet-pub-a"},{"name":"networkInterfaceId","value":"eni-gone"}]}]}]}
            """);
        _world.OnXml("DescribeNetworkInterfaces", RunningWorld.Ec2("DescribeNetworkInterfacesResponse", "<networkInterfaceSet/>"));

        var plan = await _world.Tasks.PlanRunAgainAsync(_world.Target, "demo", TaskArnA, CancellationToken.None);

        Assert.NotNull(plan);
        Assert.Equal(CapacityChoice.FargateLaunchType, plan.Capacity);
        Assert.Equal(["subnet-pub-a"], plan.Network.Subnets);
        Assert.Equal(["sg-internal"], plan.Network.SecurityGroups);
        Assert.False(plan.Network.AssignPublicIp);
    }

    [Fact]
    public async Task Run_again_of_a_task_AWS_no_longer_knows_says_so()
    {
        _world.OnJson("DescribeTasks", """{"tasks":[],"failures":[{"arn":"x","reason":"MISSING"}]}""");

        Assert.Null(await _world.Tasks.PlanRunAgainAsync(_world.Target, "demo", "old", CancellationToken.None));
    }
}
