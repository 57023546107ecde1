namespace EcsConsole.Tests.Core.Tasks;

/// <summary>
/// A DescribeTasks answer as ECS gives it for a Fargate task that ran and was stopped (member names and
/// nesting per the ECS API model; timestamps in epoch seconds as on the wire).
/// </summary>
public static class EcsTaskJson
{
    public const string StoppedFargateTask = """
        {"taskArn":"arn:aws:ecs:eu-west-1:123456789012:task/default/0b69d5c0d1b24d4a9bd8a4f4d2e1c001",
         "clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/default",
         "taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7",
         "lastStatus":"STOPPED","desiredStatus":"STOPPED","launchType":"FARGATE","capacityProviderName":"FARGATE_SPOT",
         "cpu":"256","memory":"512","platformVersion":"1.4.0","platformFamily":"Linux","availabilityZone":"eu-west-1a",
         "connectivity":"CONNECTED","healthStatus":"UNHEALTHY","group":"service:web","startedBy":"ecs-svc/9223370564341623665","version":6,
         "createdAt":1773480413.123,"pullStartedAt":1773480420.5,"pullStoppedAt":1773480431.25,"startedAt":1773480433,
         "stoppingAt":1773484013.123,"stoppedAt":1773484043.9,"executionStoppedAt":1773484033,
         "stopCode":"EssentialContainerExited","stoppedReason":"Essential container in task exited",
         "attachments":[{"id":"d7c9f3a1-1111-2222-3333-444455556666","type":"ElasticNetworkInterface","status":"DELETED",
           "details":[{"name":"subnetId","value":"subnet-0a1"},{"name":"networkInterfaceId","value":"eni-0c1d2e3f"},
                      {"name":"macAddress","value":"0a:1b:2c:3d:4e:5f"},{"name":"privateDnsName","value":"ip-10-0-1-23.eu-west-1.compute.internal"},
                      {"name":"privateIPv4Address","value":"10.0.1.23"}]}],
         "containers":[
           {"containerArn":"arn:aws:ecs:eu-west-1:123456789012:container/default/0b69d5c0/aa11","name":"web","image":"nginx:1.27",
            "imageDigest":"sha256:4f2d","runtimeId":"0b69d5c0-1234","lastStatus":"STOPPED","exitCode":137,
            "reason":"OutOfMemoryError: Container killed due to memory usage","healthStatus":"UNHEALTHY",
            "networkBindings":[{"bindIP":"0.0.0.0","containerPort":80,"hostPort":80,"protocol":"tcp"}],
            "networkInterfaces":[{"attachmentId":"d7c9f3a1-1111-2222-3333-444455556666","privateIpv4Address":"10.0.1.23"}],
            "cpu":"0","memory":"512"},
           {"name":"log-router","image":"amazon/aws-for-fluent-bit:stable","lastStatus":"STOPPED","exitCode":0,"healthStatus":"UNKNOWN"}],
         "overrides":{"containerOverrides":[{"name":"web"}],"inferenceAcceleratorOverrides":[]},
         "tags":[{"key":"team","value":"web"},{"key":"env","value":"prod"}],
         "ephemeralStorage":{"sizeInGiB":20}}
        """;

    public const string DescribeTasksResponse = $$"""{"tasks":[{{StoppedFargateTask}}],"failures":[]}""";
}
