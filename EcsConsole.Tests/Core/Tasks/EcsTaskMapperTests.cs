using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Tests.Core.Tasks;

public sealed class EcsTaskMapperTests
{
    private static EcsTask Wire(string json) => JsonSerializer.Deserialize<EcsTask>(json, AwsJson.Options)!;

    private static DateTimeOffset At(double epochSeconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(epochSeconds * 1000));

    [Fact]
    public void AStoppedFargateTaskReadsCompletely()
    {
        var detail = EcsTaskMapper.ToDetail(Wire(EcsTaskJson.StoppedFargateTask));
        var task = detail.Summary;

        Assert.Equal(("0b69d5c0d1b24d4a9bd8a4f4d2e1c001", "default", "web:7", "web"), (task.Id, task.ClusterName, task.TaskDefinition.FamilyRevision, task.ServiceName));
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7", task.TaskDefinition.Arn);
        Assert.Equal((EcsTaskStatus.Stopped, EcsTaskStatus.Stopped, EcsLaunchType.Fargate, "FARGATE_SPOT"), (task.LastStatus, task.DesiredStatus, task.LaunchType, task.CapacityProvider));
        Assert.Equal((256, 512), (task.Cpu!.Value, task.MemoryMiB!.Value));
        Assert.Equal(new EcsTaskTimes(At(1773480413.123), At(1773480420.5), At(1773480431.25), At(1773480433), At(1773484013.123), At(1773484043.9), At(1773484033)), task.Times);
        Assert.Equal((EcsStopCode.EssentialContainerExited, "Essential container in task exited"), (task.StopCode, task.StoppedReason));
        Assert.Equal(new EcsTaskNetworkInterface("eni-0c1d2e3f", "10.0.1.23", "subnet-0a1"), task.NetworkInterface);
        Assert.Equal(("ecs-svc/9223370564341623665", "service:web"), (task.StartedBy, task.Group));

        Assert.Equal(("1.4.0", "eu-west-1a", EcsHealthStatus.Unhealthy), (detail.PlatformVersion, detail.AvailabilityZone, detail.Health));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "web", ["env"] = "prod" }, detail.Tags);
        var web = detail.Containers[0];
        Assert.Equal(("web", "nginx:1.27", EcsTaskStatus.Stopped, 137, EcsHealthStatus.Unhealthy), (web.Name, web.Image, web.LastStatus, web.ExitCode, web.Health));
        Assert.StartsWith("OutOfMemoryError", web.Reason);
        Assert.Equal(new EcsPortBinding(80, 80, "tcp", "0.0.0.0"), Assert.Single(web.Ports));
        Assert.Equal(["10.0.1.23"], web.PrivateIpv4Addresses);
        var router = detail.Containers[1];
        Assert.Equal((0, EcsHealthStatus.Unknown), (router.ExitCode, router.Health));
        Assert.Empty(router.Ports);
    }

    [Fact]
    public void ATaskWithNothingButItsArnHasEmptyCollectionsAndNoGuesses()
    {
        var detail = EcsTaskMapper.ToDetail(Wire("""{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/c1/abc","containers":null,"tags":null,"attachments":null}"""));
        var task = detail.Summary;

        Assert.Equal(("abc", TaskDefinitionRef.None, EcsTaskStatus.Unknown, EcsLaunchType.None, EcsStopCode.None), (task.Id, task.TaskDefinition, task.LastStatus, task.LaunchType, task.StopCode));
        Assert.Equal(new EcsTaskTimes(null, null, null, null, null, null, null), task.Times);
        Assert.Null(task.NetworkInterface);
        Assert.Null(task.Cpu);
        Assert.Null(task.ServiceName);
        Assert.Empty(detail.Containers);
        Assert.Empty(detail.Tags);
    }

    [Theory]
    [InlineData("PROVISIONING", EcsTaskStatus.Provisioning)]
    [InlineData("PENDING", EcsTaskStatus.Pending)]
    [InlineData("ACTIVATING", EcsTaskStatus.Activating)]
    [InlineData("RUNNING", EcsTaskStatus.Running)]
    [InlineData("DEACTIVATING", EcsTaskStatus.Deactivating)]
    [InlineData("STOPPING", EcsTaskStatus.Stopping)]
    [InlineData("DEPROVISIONING", EcsTaskStatus.Deprovisioning)]
    [InlineData("STOPPED", EcsTaskStatus.Stopped)]
    [InlineData("HIBERNATING", EcsTaskStatus.Unknown)]
    [InlineData("7", EcsTaskStatus.Unknown)]
    public void EveryLifecycleStateIsKnownAndNewOnesAreUnknown(string wire, EcsTaskStatus expected)
        => Assert.Equal(expected, EcsTaskMapper.ToSummary(Wire($$"""{"lastStatus":"{{wire}}"}""")).LastStatus);

    [Theory]
    [InlineData("TaskFailedToStart", EcsStopCode.TaskFailedToStart)]
    [InlineData("EssentialContainerExited", EcsStopCode.EssentialContainerExited)]
    [InlineData("UserInitiated", EcsStopCode.UserInitiated)]
    [InlineData("ServiceSchedulerInitiated", EcsStopCode.ServiceSchedulerInitiated)]
    [InlineData("SpotInterruption", EcsStopCode.SpotInterruption)]
    [InlineData("TerminationNotice", EcsStopCode.TerminationNotice)]
    [InlineData("MaintenanceWindow", EcsStopCode.Unknown)]
    public void StopCodesAreRead(string wire, EcsStopCode expected)
        => Assert.Equal(expected, EcsTaskMapper.ToSummary(Wire($$"""{"stopCode":"{{wire}}"}""")).StopCode);

    [Fact]
    public void AnEniAttachmentWithoutAnInterfaceIdYetHasNoNetworkInterface()
    {
        var task = EcsTaskMapper.ToSummary(Wire("""{"attachments":[{"type":"ElasticNetworkInterface","status":"PRECREATED","details":[{"name":"subnetId","value":"subnet-1"}]}]}"""));

        Assert.Null(task.NetworkInterface);
    }

    [Theory]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7", "web", 7)]
    [InlineData("web:12", "web", 12)]
    [InlineData("web", "web", null)]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:task-definition/my-app_v2:1", "my-app_v2", 1)]
    public void TaskDefinitionReferencesAreRead(string wire, string family, int? revision)
    {
        var reference = TaskDefinitionRef.Parse(wire);

        Assert.Equal((wire, family, revision), (reference.Arn, reference.Family, reference.Revision));
    }
}
