using System.Text.Json.Nodes;
using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Running;
using EcsConsole.Core.Services;
using EcsConsole.Tests.Core.Running;

namespace EcsConsole.Tests.Core.Services;

public sealed class ServiceManagerTests : IAsyncLifetime
{
    private const string ServiceArn = "arn:aws:ecs:eu-west-1:123456789012:service/demo/web";
    private readonly RunningWorld _world = new();
    private int _desired;
    private string? _tag;

    public ValueTask InitializeAsync()
    {
        // A tiny stateful ECS: DescribeServices shows what UpdateService/TagResource did.
        _world.On("DescribeServices", _ => Json(new JsonObject
        {
            ["services"] = new JsonArray(Service()),
            ["failures"] = new JsonArray(),
        }));
        _world.On("UpdateService", r =>
        {
            if (r.Json!["desiredCount"] is { } d) _desired = (int)d;
            return Json(new JsonObject { ["service"] = Service() });
        });
        _world.On("TagResource", r =>
        {
            _tag = (string?)r.Json!["tags"]![0]!["value"];
            return Json(new JsonObject());
        });
        _world.On("UntagResource", _ =>
        {
            _tag = null;
            return Json(new JsonObject());
        });
        _world.On("DeleteService", _ => Json(new JsonObject { ["service"] = Service() }));
        _world.On("CreateService", r => Json(new JsonObject { ["service"] = Service() }));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    private JsonObject Service()
    {
        var s = new JsonObject
        {
            ["serviceArn"] = ServiceArn, ["serviceName"] = "web", ["status"] = "ACTIVE", ["desiredCount"] = _desired, ["runningCount"] = _desired,
            ["deployments"] = new JsonArray(new JsonObject { ["id"] = "ecs-svc/1", ["status"] = "PRIMARY", ["taskDefinition"] = "web:3", ["desiredCount"] = _desired }),
        };
        if (_tag is not null) s["tags"] = new JsonArray(new JsonObject { ["key"] = RunTags.ParkedDesiredCount, ["value"] = _tag });
        return s;
    }

    private static HttpResponseMessage Json(JsonObject o) => Infrastructure.RecordingHttpHandler.Json(o.ToJsonString());

    private Task<int?> RememberedAsync() => _world.Parks.RememberedCountAsync(_world.Target.Connection, _world.Target.Region, "demo", "web", CancellationToken.None);

    [Fact]
    public async Task Park_then_unpark_goes_to_zero_and_back_remembering_in_the_database_and_a_tag()
    {
        _desired = 3;

        var park = await _world.Services.ParkAsync(RunningWorld.Operator, _world.Target, "demo", "web", CancellationToken.None);

        Assert.True(park.Succeeded, park.Message);
        Assert.Equal("Parked web: scaled from 3 tasks to 0; unpark brings back 3 tasks.", park.Message);
        Assert.Equal(0, _desired);
        Assert.Equal("3", _tag);
        Assert.Equal(3, await RememberedAsync());
        var tagCall = _world.Calls("TagResource").Single().Json!;
        Assert.Equal(ServiceArn, (string?)tagCall["resourceArn"]);
        Assert.Equal("ecsconsole:parked-desired-count", (string?)tagCall["tags"]![0]!["key"]);

        var unpark = await _world.Services.UnparkAsync(RunningWorld.Operator, _world.Target, "demo", "web", CancellationToken.None);

        Assert.Equal("Unparked web: back to 3 tasks.", unpark.Message);
        Assert.Equal(3, _desired);
        Assert.Null(_tag);
        Assert.Null(await RememberedAsync());
        Assert.Equal("""["ecsconsole:parked-desired-count"]""", _world.Calls("UntagResource").Single().Json!["tagKeys"]!.ToJsonString());
        Assert.Equal(["ParkService", "UnparkService"], (await _world.AuditAsync()).Select(e => e.Action).Reverse());
    }

    [Fact]
    public async Task Parking_twice_keeps_the_first_count()
    {
        _desired = 4;
        await _world.Services.ParkAsync(RunningWorld.Operator, _world.Target, "demo", "web", CancellationToken.None);

        var second = await _world.Services.ParkAsync(RunningWorld.Operator, _world.Target, "demo", "web", CancellationToken.None);

        Assert.Equal("web is already parked; unpark will bring back 4 tasks.", second.Message);
        Assert.Equal(4, await RememberedAsync());
        Assert.Single(_world.Calls("UpdateService"));
    }

    [Fact]
    public async Task Unpark_without_a_remembered_count_starts_one_task_and_says_so()
    {
        _desired = 0;

        var result = await _world.Services.UnparkAsync(RunningWorld.Operator, _world.Target, "demo", "web", CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(1, _desired);
        Assert.Contains("No earlier count was remembered for web", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Park_all_parks_every_service_of_the_cluster_each_with_its_own_audit_entry()
    {
        _desired = 2;
        _world.OnJson("ListServices", """{"serviceArns":["arn:aws:ecs:eu-west-1:123456789012:service/demo/web","arn:aws:ecs:eu-west-1:123456789012:service/demo/api"]}""");

        var results = await _world.Services.ParkAllAsync(RunningWorld.Operator, _world.Target, "demo", CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.Equal("Parked 2 of 2 services.", ServiceManager.Summarize("Parked", results));
        Assert.Equal(["demo/api", "demo/web"], (await _world.AuditAsync()).Select(e => e.Resource).Order());
    }

    [Fact]
    public async Task A_viewer_cannot_park_and_nothing_reaches_AWS()
    {
        var result = await _world.Services.ParkAsync(RunningWorld.Viewer, _world.Target, "demo", "web", CancellationToken.None);

        Assert.True(result.Refused);
        Assert.Equal("Your role (Viewer) cannot scale or park services; this needs the Operator role.", result.Message);
        Assert.Empty(_world.Aws.Http.Requests);
    }

    [Fact]
    public async Task An_operator_can_scale_and_force_a_deployment_but_not_deploy_a_new_revision()
    {
        var scale = await _world.Services.ScaleAsync(RunningWorld.Operator, _world.Target, "demo", "web", 2, null, CancellationToken.None);
        var force = await _world.Services.UpdateAsync(RunningWorld.Operator, _world.Target, "demo", "web", new ServiceUpdate(ForceNewDeployment: true), CancellationToken.None);
        var revision = await _world.Services.UpdateAsync(RunningWorld.Operator, _world.Target, "demo", "web", new ServiceUpdate(TaskDefinition: "web:4"), CancellationToken.None);

        Assert.Equal("Scaled web to 2 tasks.", scale.Message);
        Assert.Equal("Started a new deployment of web: its tasks are being replaced.", force.Message);
        Assert.True(revision.Refused);
        Assert.Equal("Your role (Operator) cannot create or delete services; this needs the Admin role.", revision.Message);
        var calls = _world.Calls("UpdateService").Select(r => r.Json!.ToJsonString()).ToList();
        Assert.Equal(["""{"cluster":"demo","service":"web","desiredCount":2}""", """{"cluster":"demo","service":"web","forceNewDeployment":true}"""], calls);
    }

    [Fact]
    public async Task An_admin_deploys_a_new_revision_and_gets_the_deployment_to_follow()
    {
        var result = await _world.Services.UpdateAsync(RunningWorld.Admin, _world.Target, "demo", "web", new ServiceUpdate(TaskDefinition: "web:4"), CancellationToken.None);

        Assert.Equal("Deploying web:4 to web.", result.Message);
        Assert.Equal("ecs-svc/1", result.Value!.DeploymentId);
        Assert.Equal("""{"cluster":"demo","service":"web","taskDefinition":"web:4"}""", _world.Calls("UpdateService").Single().Json!.ToJsonString());
    }

    [Theory]
    [InlineData(-1, "Desired count must be between 0 and 5000.")]
    [InlineData(5001, "Desired count must be between 0 and 5000.")]
    [InlineData(null, "Nothing to change")]
    public async Task A_bad_scale_or_update_is_rejected_before_AWS(int? count, string expected)
    {
        var result = count is { } n
            ? await _world.Services.ScaleAsync(RunningWorld.Operator, _world.Target, "demo", "web", n, null, CancellationToken.None)
            : await _world.Services.UpdateAsync(RunningWorld.Operator, _world.Target, "demo", "web", new ServiceUpdate(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Empty(_world.Aws.Http.Requests);
        Assert.Equal(AuditOutcome.Rejected, (await _world.AuditAsync()).Single().Outcome);
    }

    [Fact]
    public async Task Scaling_instead_of_stopping_keeps_the_reason_in_the_audit_trail_and_a_viewer_is_refused()
    {
        var scaled = await _world.Services.ScaleAsync(RunningWorld.Operator, _world.Target, "demo", "web", 0, "fewer tasks tonight", CancellationToken.None);
        var viewer = await _world.Services.ScaleAsync(RunningWorld.Viewer, _world.Target, "demo", "web", 0, null, CancellationToken.None);

        Assert.True(scaled.Succeeded);
        Assert.Equal("Scaled web to 0 tasks.", scaled.Message);
        Assert.True(viewer.Refused);
        var audit = await _world.AuditAsync();
        Assert.Contains(audit, e => e.Action == "ScaleService" && e.Reason == "fewer tasks tonight" && e.Outcome == AuditOutcome.Succeeded);
        Assert.Single(_world.Calls("UpdateService"));
    }

    [Fact]
    public async Task Delete_needs_the_service_name_typed_then_scales_to_zero_and_deletes()
    {
        _desired = 2;

        var wrong = await _world.Services.DeleteAsync(RunningWorld.Admin, _world.Target, "demo", "web", "wbe", CancellationToken.None);
        Assert.Equal("Type the service name (web) to confirm the deletion.", wrong.Message);
        Assert.Empty(_world.Aws.Http.Requests);

        var result = await _world.Services.DeleteAsync(RunningWorld.Admin, _world.Target, "demo", "web", "web", CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["DescribeServices", "UpdateService", "DeleteService"], _world.Aws.Http.Requests.Select(r => r.Operation));
        Assert.Equal(0, (int?)_world.Calls("UpdateService").Single().Json!["desiredCount"]);
        Assert.Equal("""{"cluster":"demo","service":"web"}""", _world.Calls("DeleteService").Single().Json!.ToJsonString());
    }

    [Fact]
    public async Task An_operator_cannot_delete_or_create_services()
    {
        var delete = await _world.Services.DeleteAsync(RunningWorld.Operator, _world.Target, "demo", "web", "web", CancellationToken.None);
        var create = await _world.Services.CreateAsync(RunningWorld.Operator, _world.Target,
            ServiceCreateSubmission.Create(ServiceCreatePlan.For("demo", "web:3") with { ServiceName = "web" }), null, CancellationToken.None);

        Assert.True(delete.Refused && create.Refused);
        Assert.Empty(_world.Aws.Http.Requests);
        Assert.All(await _world.AuditAsync(), e => Assert.Equal(AuditOutcome.Refused, e.Outcome));
    }

    [Fact]
    public async Task Create_sends_deployment_settings_network_and_its_client_token_and_stores_the_preset()
    {
        var plan = ServiceCreatePlan.For("demo", "web:3") with
        {
            ServiceName = "web",
            DesiredCount = 1,
            Capacity = CapacityChoice.FargateSpot,
            Network = new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-web"]),
            MinimumHealthyPercent = 50,
            MaximumPercent = 200,
        };
        var submission = ServiceCreateSubmission.Create(plan);

        var result = await _world.Services.CreateAsync(RunningWorld.Admin, _world.Target, submission, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Created service web on demo with 1 task of web:3.", result.Message);
        var body = _world.Calls("CreateService").Single().Json!;
        Assert.Equal(submission.ClientToken, (string?)body["clientToken"]);
        Assert.Equal("""{"deploymentCircuitBreaker":{"enable":true,"rollback":true},"maximumPercent":200,"minimumHealthyPercent":50}""", body["deploymentConfiguration"]!.ToJsonString());
        Assert.Equal("""[{"capacityProvider":"FARGATE_SPOT","weight":1}]""", body["capacityProviderStrategy"]!.ToJsonString());
        Assert.Null(body["launchType"]);
        Assert.Equal("ENABLED", (string?)body["networkConfiguration"]!["awsvpcConfiguration"]!["assignPublicIp"]);
        Assert.Equal("REPLICA", (string?)body["schedulingStrategy"]);
        Assert.NotNull(await _world.Presets.FindAsync(_world.Target.Connection, _world.Target.Region, "demo", "web", CancellationToken.None));
    }

    public static TheoryData<ServiceCreatePlan, string> InvalidServices => new()
    {
        { Valid() with { ServiceName = "" }, "A service name has 1 to 255" },
        { Valid() with { ServiceName = "my service" }, "A service name has 1 to 255" },
        { Valid() with { MinimumHealthyPercent = 100, MaximumPercent = 100 }, "Maximum percent must be above minimum healthy percent" },
        { Valid() with { MaximumPercent = 250 }, "Maximum percent must be between 100 and 200." },
        { Valid() with { CircuitBreaker = false, Rollback = true }, "Rollback needs the deployment circuit breaker" },
        { Valid() with { Network = NetworkPlan.Empty }, "Choose at least one subnet" },
        { Valid() with { DesiredCount = -2 }, "Desired count must be between 0 and 5000." },
    };

    private static ServiceCreatePlan Valid() => ServiceCreatePlan.For("demo", "web:3") with
    {
        ServiceName = "web",
        Network = new NetworkPlan("vpc-main", ["subnet-pub-a"], ["sg-web"]),
    };

    [Theory]
    [MemberData(nameof(InvalidServices))]
    public async Task An_invalid_service_plan_is_rejected_before_AWS(ServiceCreatePlan plan, string expected)
    {
        var result = await _world.Services.CreateAsync(RunningWorld.Admin, _world.Target, ServiceCreateSubmission.Create(plan), null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Empty(_world.Aws.Http.Requests);
    }
}
