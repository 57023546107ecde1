using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Networking;
using EcsConsole.Core.Services;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Tests.Core.Services;

public sealed class EcsServiceMapperTests
{
    private static Service Wire(string json) => JsonSerializer.Deserialize<Service>(json, AwsJson.Options)!;

    private const string RollingService = """
        {"serviceArn":"arn:aws:ecs:eu-west-1:123456789012:service/default/web","serviceName":"web",
         "clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/default","status":"ACTIVE","desiredCount":2,"runningCount":3,"pendingCount":1,
         "launchType":"FARGATE","platformVersion":"LATEST","taskDefinition":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:8",
         "deployments":[
           {"id":"ecs-svc/2","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:8","desiredCount":2,
            "pendingCount":1,"runningCount":1,"failedTasks":1,"createdAt":1773480413.123,"updatedAt":1773480513,"rolloutState":"IN_PROGRESS",
            "rolloutStateReason":"ECS deployment ecs-svc/2 in progress."},
           {"id":"ecs-svc/1","status":"ACTIVE","taskDefinition":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7","desiredCount":2,
            "pendingCount":0,"runningCount":2,"failedTasks":0,"createdAt":1773400000,"rolloutState":"COMPLETED"}],
         "events":[{"id":"e2","createdAt":1773480513,"message":"(service web) has started 1 tasks: (task 0b69d5c0)."},
                   {"id":"e1","createdAt":1773400100,"message":"(service web) has reached a steady state."}],
         "createdAt":1773400000,
         "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0a1","subnet-0a2"],"securityGroups":["sg-0b2"],"assignPublicIp":"ENABLED"}},
         "tags":[{"key":"team","value":"web"}]}
        """;

    [Fact]
    public void AServiceInTheMiddleOfADeploymentReadsCompletely()
    {
        var service = EcsServiceMapper.ToSummary(Wire(RollingService));

        Assert.Equal(("web", EcsServiceStatus.Active, 2, 3, 1, EcsLaunchType.Fargate), (service.Name, service.Status, service.DesiredCount, service.RunningCount, service.PendingCount, service.LaunchType));
        Assert.Equal("web:8", service.TaskDefinition.FamilyRevision);
        Assert.Equal(new AwsVpcNetwork(service.Network.Subnets, service.Network.SecurityGroups, true), service.Network);
        Assert.Equal(["subnet-0a1", "subnet-0a2"], service.Network.Subnets);
        Assert.Equal(["sg-0b2"], service.Network.SecurityGroups);
        Assert.True(service.IsDeploying);
        Assert.Equal(
            [("ecs-svc/2", EcsDeploymentStatus.Primary, EcsRolloutState.InProgress, "web:8", 1), ("ecs-svc/1", EcsDeploymentStatus.Active, EcsRolloutState.Completed, "web:7", 0)],
            service.Deployments.Select(d => (d.Id, d.Status, d.RolloutState, d.TaskDefinition.FamilyRevision, d.FailedTasks)));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_773_480_413_123), service.Deployments[0].CreatedAt);
        Assert.Null(service.Deployments[1].UpdatedAt);
        Assert.Equal(["e2", "e1"], service.Events.Select(e => e.Id));
        Assert.Equal("web", service.Tags["team"]);
    }

    [Fact]
    public void AServiceWithOnlyANameHasEmptyCollections()
    {
        var service = EcsServiceMapper.ToSummary(Wire("""{"serviceArn":"arn:aws:ecs:eu-west-1:123456789012:service/default/api","deployments":null,"events":null}"""));

        Assert.Equal(("api", EcsServiceStatus.Unknown, EcsLaunchType.None, AwsVpcNetwork.None, TaskDefinitionRef.None), (service.Name, service.Status, service.LaunchType, service.Network, service.TaskDefinition));
        Assert.Empty(service.Deployments);
        Assert.Empty(service.Events);
        Assert.Empty(service.Tags);
        Assert.Empty(service.CapacityProviders);
        Assert.False(service.IsDeploying);
    }

    [Theory]
    [InlineData("ACTIVE", EcsServiceStatus.Active)]
    [InlineData("DRAINING", EcsServiceStatus.Draining)]
    [InlineData("INACTIVE", EcsServiceStatus.Inactive)]
    [InlineData("PAUSED", EcsServiceStatus.Unknown)]
    public void ServiceStatesAreRead(string wire, EcsServiceStatus expected)
        => Assert.Equal(expected, EcsServiceMapper.ToSummary(Wire($$"""{"status":"{{wire}}"}""")).Status);
}
