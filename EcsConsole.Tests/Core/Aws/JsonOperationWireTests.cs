using System.Text.Json.Nodes;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Tests.Core.Tasks;
using EcsConsole.Tests.Infrastructure;
using Ecr = EcsConsole.Core.Aws.Ecr.Model;
using Logs = EcsConsole.Core.Aws.Logs.Model;

namespace EcsConsole.Tests.Core.Aws;

/// <summary>
/// Every ECS, ECR and CloudWatch Logs operation of the console: the exact request it puts on the wire
/// (POST /, X-Amz-Target, content type, JSON body as the AWS API model names it) and how a realistic
/// answer (shapes from botocore's service-2.json / examples-1.json) reads back, including an answer
/// with every optional member missing.
/// </summary>
public sealed class JsonOperationWireTests
{
    private const string EcsPrefix = "AmazonEC2ContainerServiceV20141113";
    private const string EcrPrefix = "AmazonEC2ContainerRegistry_V20150921";
    private const string LogsPrefix = "Logs_20140328";
    private const string Account = "123456789012";
    private const string ClusterArn = $"arn:aws:ecs:eu-west-1:{Account}:cluster/default";
    private const string TaskArn = $"arn:aws:ecs:eu-west-1:{Account}:task/default/0b69d5c0d1b24d4a9bd8a4f4d2e1c001";
    private const string ServiceArn = $"arn:aws:ecs:eu-west-1:{Account}:service/default/web";
    private const string TaskDefArn = $"arn:aws:ecs:eu-west-1:{Account}:task-definition/web:7";

    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1_773_480_413_123);

    /// <summary>One operation: how to call it, what must go out, what comes back and what it must read as.</summary>
    public sealed record WireCase(
        string Host, string Prefix, string Operation, Func<AwsTestHarness, Task<object>> Call,
        string ExpectedBody, string Response, Action<object> Check);

    private static WireCase Case<T>(string prefix, string operation, Func<AwsTestHarness, Task<T>> call, string body, string response, Action<T> check)
        where T : notnull
    {
        var host = prefix switch
        {
            EcsPrefix => "ecs.eu-west-1.amazonaws.com",
            EcrPrefix => "api.ecr.eu-west-1.amazonaws.com",
            _ => "logs.eu-west-1.amazonaws.com",
        };
        return new WireCase(host, prefix, operation, async h => await call(h), body, response, o => check((T)o));
    }

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly WireCase[] Cases =
    [
        Case(EcsPrefix, "ListClusters", h => h.Ecs.ListClustersAsync(new ListClustersRequest { MaxResults = 100 }, None),
            """{"maxResults":100}""",
            $$$$"""{"clusterArns":["{{{{ClusterArn}}}}","arn:aws:ecs:eu-west-1:{{{{Account}}}}:cluster/batch"],"nextToken":"tok-2"}""",
            r => { Assert.Equal([ClusterArn, $"arn:aws:ecs:eu-west-1:{Account}:cluster/batch"], r.ClusterArns); Assert.Equal("tok-2", r.NextToken); }),

        Case(EcsPrefix, "DescribeClusters", h => h.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = ["default", "gone"], Include = ["STATISTICS"] }, None),
            """{"clusters":["default","gone"],"include":["STATISTICS"]}""",
            $$$$"""
            {"clusters":[{"clusterArn":"{{{{ClusterArn}}}}","clusterName":"default","status":"ACTIVE","registeredContainerInstancesCount":0,
              "runningTasksCount":3,"pendingTasksCount":1,"activeServicesCount":2,
              "statistics":[{"name":"runningFargateTasksCount","value":"3"},{"name":"pendingFargateTasksCount","value":"1"}],
              "tags":[],"settings":[{"name":"containerInsights","value":"disabled"}],"capacityProviders":["FARGATE","FARGATE_SPOT"],
              "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1,"base":0}]}],
             "failures":[{"arn":"arn:aws:ecs:eu-west-1:{{{{Account}}}}:cluster/gone","reason":"MISSING"}]}
            """,
            r =>
            {
                var c = Assert.Single(r.Clusters!);
                Assert.Equal(("default", "ACTIVE", 3, 1, 2), (c.ClusterName, c.Status, c.RunningTasksCount, c.PendingTasksCount, c.ActiveServicesCount));
                Assert.Equal(["FARGATE", "FARGATE_SPOT"], c.CapacityProviders);
                Assert.Equal("3", c.Statistics!.Single(s => s.Name == "runningFargateTasksCount").Value);
                Assert.Equal("MISSING", Assert.Single(r.Failures!).Reason);
            }),

        Case(EcsPrefix, "ListServices", h => h.Ecs.ListServicesAsync(new ListServicesRequest { Cluster = "default", MaxResults = 100, NextToken = "t1" }, None),
            """{"cluster":"default","nextToken":"t1","maxResults":100}""",
            $$$$"""{"serviceArns":["{{{{ServiceArn}}}}"]}""",
            r => { Assert.Equal([ServiceArn], r.ServiceArns); Assert.Null(r.NextToken); }),

        Case(EcsPrefix, "DescribeServices", h => h.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = "default", Services = ["web"], Include = ["TAGS"] }, None),
            """{"cluster":"default","services":["web"],"include":["TAGS"]}""",
            $$$$"""
            {"failures":[],"services":[{"serviceArn":"{{{{ServiceArn}}}}","serviceName":"web","clusterArn":"{{{{ClusterArn}}}}","status":"ACTIVE",
              "desiredCount":2,"runningCount":1,"pendingCount":1,"launchType":"FARGATE","platformVersion":"LATEST","taskDefinition":"{{{{TaskDefArn}}}}",
              "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100,"deploymentCircuitBreaker":{"enable":true,"rollback":true}},
              "deployments":[{"id":"ecs-svc/9223370564341623665","status":"PRIMARY","taskDefinition":"{{{{TaskDefArn}}}}","desiredCount":2,"pendingCount":1,
                "runningCount":1,"failedTasks":0,"createdAt":1773480413.123,"updatedAt":1773480513.5,"launchType":"FARGATE","rolloutState":"IN_PROGRESS",
                "rolloutStateReason":"ECS deployment ecs-svc/9223370564341623665 in progress."}],
              "events":[{"id":"38c285e5-d335-4b68-8b15-e46dedc8e88d","createdAt":1773480413.123,"message":"(service web) has started 1 tasks: (task 0b69d5c0)."}],
              "createdAt":1773480413.123,"networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0a1"],"securityGroups":["sg-0b2"],"assignPublicIp":"ENABLED"}},
              "schedulingStrategy":"REPLICA","tags":[{"key":"team","value":"web"}]}]}
            """,
            r =>
            {
                var s = Assert.Single(r.Services!);
                Assert.Equal(("web", 2, 1, 1), (s.ServiceName, s.DesiredCount, s.RunningCount, s.PendingCount));
                var d = Assert.Single(s.Deployments!);
                Assert.Equal(("PRIMARY", "IN_PROGRESS", Created), (d.Status, d.RolloutState, d.CreatedAt));
                Assert.Equal(Created, Assert.Single(s.Events!).CreatedAt);
                Assert.Equal("ENABLED", s.NetworkConfiguration!.AwsvpcConfiguration!.AssignPublicIp);
                Assert.True(s.DeploymentConfiguration!.DeploymentCircuitBreaker!.Rollback);
            }),

        Case(EcsPrefix, "CreateService", h => h.Ecs.CreateServiceAsync(new CreateServiceRequest
            {
                Cluster = "default", ServiceName = "web", TaskDefinition = "web:7", DesiredCount = 2, LaunchType = "FARGATE", ClientToken = "token-1",
                NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-0a1"], SecurityGroups = ["sg-0b2"], AssignPublicIp = "ENABLED" } },
            }, None),
            """{"cluster":"default","serviceName":"web","taskDefinition":"web:7","desiredCount":2,"clientToken":"token-1","launchType":"FARGATE","networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0a1"],"securityGroups":["sg-0b2"],"assignPublicIp":"ENABLED"}}}""",
            $$$$"""{"service":{"serviceArn":"{{{{ServiceArn}}}}","serviceName":"web","status":"ACTIVE","desiredCount":2,"runningCount":0,"pendingCount":0,"events":[],"loadBalancers":[],"createdAt":1773480413.123}}""",
            r => { Assert.Equal((ServiceArn, "ACTIVE", Created), (r.Service!.ServiceArn, r.Service.Status, r.Service.CreatedAt)); Assert.Empty(r.Service.Events!); }),

        Case(EcsPrefix, "UpdateService", h => h.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "default", Service = "web", DesiredCount = 0, ForceNewDeployment = true }, None),
            """{"cluster":"default","service":"web","desiredCount":0,"forceNewDeployment":true}""",
            $$$$"""{"service":{"serviceArn":"{{{{ServiceArn}}}}","serviceName":"web","desiredCount":0,"runningCount":2}}""",
            r => Assert.Equal((0, 2), (r.Service!.DesiredCount, r.Service.RunningCount))),

        Case(EcsPrefix, "DeleteService", h => h.Ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = "default", Service = "web", Force = true }, None),
            """{"cluster":"default","service":"web","force":true}""",
            $$$$"""{"service":{"serviceArn":"{{{{ServiceArn}}}}","serviceName":"web","status":"DRAINING","desiredCount":0}}""",
            r => Assert.Equal("DRAINING", r.Service!.Status)),

        Case(EcsPrefix, "ListTasks", h => h.Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "default", ServiceName = "web", DesiredStatus = "STOPPED", MaxResults = 100 }, None),
            """{"cluster":"default","maxResults":100,"serviceName":"web","desiredStatus":"STOPPED"}""",
            $$$$"""{"taskArns":["{{{{TaskArn}}}}"],"nextToken":"n2"}""",
            r => { Assert.Equal([TaskArn], r.TaskArns); Assert.Equal("n2", r.NextToken); }),

        Case(EcsPrefix, "DescribeTasks", h => h.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "default", Tasks = [TaskArn], Include = ["TAGS"] }, None),
            """{"cluster":"default","tasks":["arn:aws:ecs:eu-west-1:123456789012:task/default/0b69d5c0d1b24d4a9bd8a4f4d2e1c001"],"include":["TAGS"]}""",
            EcsTaskJson.DescribeTasksResponse,
            r =>
            {
                var t = Assert.Single(r.Tasks!);
                Assert.Equal(("STOPPED", "EssentialContainerExited", 137), (t.LastStatus, t.StopCode, t.Containers![0].ExitCode));
                Assert.Equal(Created, t.CreatedAt);
                Assert.Equal("eni-0c1d2e3f", t.Attachments![0].Details!.Single(d => d.Name == "networkInterfaceId").Value);
            }),

        Case(EcsPrefix, "RunTask", h => h.Ecs.RunTaskAsync(new RunTaskRequest
            {
                Cluster = "default", TaskDefinition = "web:7", Count = 1, LaunchType = "FARGATE", StartedBy = "ecsconsole", ClientToken = "run-token-1",
                NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-0a1"], AssignPublicIp = "ENABLED" } },
            }, None),
            """{"cluster":"default","count":1,"launchType":"FARGATE","networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0a1"],"assignPublicIp":"ENABLED"}},"startedBy":"ecsconsole","taskDefinition":"web:7","clientToken":"run-token-1"}""",
            $$$$"""{"tasks":[{"taskArn":"{{{{TaskArn}}}}","lastStatus":"PROVISIONING","desiredStatus":"RUNNING","containers":[{"name":"web","lastStatus":"PENDING"}]}],"failures":[]}""",
            r => { Assert.Equal("PROVISIONING", Assert.Single(r.Tasks!).LastStatus); Assert.Empty(r.Failures!); }),

        Case(EcsPrefix, "StopTask", h => h.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "default", Task = TaskArn, Reason = "Stopped from EcsConsole" }, None),
            $$$$"""{"cluster":"default","task":"{{{{TaskArn}}}}","reason":"Stopped from EcsConsole"}""",
            $$$$"""{"task":{"taskArn":"{{{{TaskArn}}}}","lastStatus":"RUNNING","desiredStatus":"STOPPED","stopCode":"UserInitiated","stoppedReason":"Stopped from EcsConsole","stoppingAt":1773480413.123}}""",
            r => Assert.Equal(("STOPPED", "UserInitiated", Created), (r.Task!.DesiredStatus, r.Task.StopCode, r.Task.StoppingAt))),

        Case(EcsPrefix, "ListTaskDefinitionFamilies", h => h.Ecs.ListTaskDefinitionFamiliesAsync(new ListTaskDefinitionFamiliesRequest { Status = "ACTIVE", FamilyPrefix = "we" }, None),
            """{"familyPrefix":"we","status":"ACTIVE"}""",
            """{"families":["web","worker"]}""",
            r => Assert.Equal(["web", "worker"], r.Families)),

        Case(EcsPrefix, "ListTaskDefinitions", h => h.Ecs.ListTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = "web", Sort = "DESC" }, None),
            """{"familyPrefix":"web","sort":"DESC"}""",
            $$$$"""{"taskDefinitionArns":["{{{{TaskDefArn}}}}","arn:aws:ecs:eu-west-1:{{{{Account}}}}:task-definition/web:6"]}""",
            r => Assert.Equal(2, r.TaskDefinitionArns!.Count)),

        Case(EcsPrefix, "DescribeTaskDefinition", h => h.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "web:7", Include = ["TAGS"] }, None),
            """{"taskDefinition":"web:7","include":["TAGS"]}""",
            $$$$"""
            {"taskDefinition":{"taskDefinitionArn":"{{{{TaskDefArn}}}}","family":"web","revision":7,"status":"ACTIVE","networkMode":"awsvpc","cpu":"256","memory":"512",
              "requiresCompatibilities":["FARGATE"],"registeredAt":1773480413.123,
              "containerDefinitions":[{"name":"web","image":"nginx:1.27","cpu":0,"essential":true,"portMappings":[{"containerPort":80,"hostPort":80,"protocol":"tcp"}],
                "environment":[{"name":"MODE","value":"prod"}],"mountPoints":[],"volumesFrom":[],
                "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/web","awslogs-region":"eu-west-1","awslogs-stream-prefix":"ecs"}}}],
              "volumes":[]},
             "tags":[{"key":"team","value":"web"}]}
            """,
            r =>
            {
                var td = r.TaskDefinition!;
                Assert.Equal(("web", 7, "256", "512", Created), (td.Family, td.Revision, td.Cpu, td.Memory, td.RegisteredAt));
                Assert.Equal("/ecs/web", td.ContainerDefinitions![0].LogConfiguration!.Options!["awslogs-group"]);
                Assert.Equal("team", Assert.Single(r.Tags!).Key);
            }),

        Case(EcsPrefix, "RegisterTaskDefinition", h => h.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
            {
                Family = "web", NetworkMode = "awsvpc", RequiresCompatibilities = ["FARGATE"], Cpu = "256", Memory = "512",
                ExecutionRoleArn = $"arn:aws:iam::{Account}:role/ecsTaskExecutionRole",
                ContainerDefinitions = [new ContainerDefinition { Name = "web", Image = "nginx:1.27", Essential = true, PortMappings = [new PortMapping { ContainerPort = 80, Protocol = "tcp" }] }],
            }, None),
            """{"family":"web","executionRoleArn":"arn:aws:iam::123456789012:role/ecsTaskExecutionRole","networkMode":"awsvpc","containerDefinitions":[{"name":"web","image":"nginx:1.27","portMappings":[{"containerPort":80,"protocol":"tcp"}],"essential":true}],"requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512"}""",
            $$$$"""{"taskDefinition":{"taskDefinitionArn":"{{{{TaskDefArn}}}}","family":"web","revision":7,"status":"ACTIVE"},"tags":[]}""",
            r => Assert.Equal((TaskDefArn, 7), (r.TaskDefinition!.TaskDefinitionArn, r.TaskDefinition.Revision))),

        Case(EcsPrefix, "DeregisterTaskDefinition", h => h.Ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest { TaskDefinition = "web:7" }, None),
            """{"taskDefinition":"web:7"}""",
            $$$$"""{"taskDefinition":{"taskDefinitionArn":"{{{{TaskDefArn}}}}","family":"web","revision":7,"status":"INACTIVE","deregisteredAt":1773480413.123}}""",
            r => Assert.Equal(("INACTIVE", Created), (r.TaskDefinition!.Status, r.TaskDefinition.DeregisteredAt))),

        Case(EcsPrefix, "DeleteTaskDefinitions", h => h.Ecs.DeleteTaskDefinitionsAsync(new DeleteTaskDefinitionsRequest { TaskDefinitions = ["web:6", "web:7"] }, None),
            """{"taskDefinitions":["web:6","web:7"]}""",
            $$$$"""{"taskDefinitions":[{"taskDefinitionArn":"arn:aws:ecs:eu-west-1:{{{{Account}}}}:task-definition/web:6","status":"DELETE_IN_PROGRESS"}],"failures":[{"arn":"{{{{TaskDefArn}}}}","reason":"The specified task definition is still in ACTIVE status. Please deregister the target and try again."}]}""",
            r => { Assert.Equal("DELETE_IN_PROGRESS", Assert.Single(r.TaskDefinitions!).Status); Assert.Contains("ACTIVE status", Assert.Single(r.Failures!).Reason); }),

        Case(EcsPrefix, "TagResource", h => h.Ecs.TagResourceAsync(new TagResourceRequest { ResourceArn = ClusterArn, Tags = [new Tag { Key = "team", Value = "dev" }] }, None),
            $$$$"""{"resourceArn":"{{{{ClusterArn}}}}","tags":[{"key":"team","value":"dev"}]}""",
            "{}",
            r => Assert.NotNull(r)),

        Case(EcsPrefix, "ListTagsForResource", h => h.Ecs.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = ClusterArn }, None),
            $$$$"""{"resourceArn":"{{{{ClusterArn}}}}"}""",
            """{"tags":[{"key":"team","value":"dev"},{"key":"cost-center","value":"42"}]}""",
            r => Assert.Equal(["team=dev", "cost-center=42"], r.Tags!.Select(t => $"{t.Key}={t.Value}"))),

        Case(EcrPrefix, "DescribeRepositories", h => h.Ecr.DescribeRepositoriesAsync(new Ecr.DescribeRepositoriesRequest { MaxResults = 1000 }, None),
            """{"maxResults":1000}""",
            $$$$"""
            {"repositories":[{"repositoryArn":"arn:aws:ecr:eu-west-1:{{{{Account}}}}:repository/project-a/web","registryId":"{{{{Account}}}}","repositoryName":"project-a/web",
              "repositoryUri":"{{{{Account}}}}.dkr.ecr.eu-west-1.amazonaws.com/project-a/web","createdAt":1773480413.123,"imageTagMutability":"MUTABLE",
              "imageScanningConfiguration":{"scanOnPush":false},"encryptionConfiguration":{"encryptionType":"AES256"}}]}
            """,
            r =>
            {
                var repo = Assert.Single(r.Repositories!);
                Assert.Equal(($"{Account}.dkr.ecr.eu-west-1.amazonaws.com/project-a/web", Created), (repo.RepositoryUri, repo.CreatedAt));
            }),

        Case(EcrPrefix, "CreateRepository", h => h.Ecr.CreateRepositoryAsync(new Ecr.CreateRepositoryRequest { RepositoryName = "project-a/web", ImageTagMutability = "IMMUTABLE" }, None),
            """{"repositoryName":"project-a/web","imageTagMutability":"IMMUTABLE"}""",
            $$$$"""{"repository":{"registryId":"{{{{Account}}}}","repositoryArn":"arn:aws:ecr:eu-west-1:{{{{Account}}}}:repository/project-a/web","repositoryName":"project-a/web","imageTagMutability":"IMMUTABLE"}}""",
            r => Assert.Equal(("project-a/web", "IMMUTABLE"), (r.Repository!.RepositoryName, r.Repository.ImageTagMutability))),

        Case(EcrPrefix, "DescribeImages", h => h.Ecr.DescribeImagesAsync(new Ecr.DescribeImagesRequest { RepositoryName = "project-a/web", ImageIds = [new Ecr.ImageIdentifier { ImageTag = "latest" }] }, None),
            """{"repositoryName":"project-a/web","imageIds":[{"imageTag":"latest"}]}""",
            $$$$"""
            {"imageDetails":[{"registryId":"{{{{Account}}}}","repositoryName":"project-a/web","imageDigest":"sha256:4f2d","imageTags":["latest","1.4.2"],
              "imageSizeInBytes":52428800,"imagePushedAt":1773480413.123,"imageManifestMediaType":"application/vnd.oci.image.manifest.v1+json",
              "imageScanFindingsSummary":{"findingSeverityCounts":{"HIGH":2,"LOW":5}}}]}
            """,
            r =>
            {
                var image = Assert.Single(r.ImageDetails!);
                Assert.Equal((52428800L, Created), (image.ImageSizeInBytes, image.ImagePushedAt));
                Assert.Equal(2, image.ImageScanFindingsSummary!.FindingSeverityCounts!["HIGH"]);
            }),

        Case(LogsPrefix, "DescribeLogGroups", h => h.Logs.DescribeLogGroupsAsync(new Logs.DescribeLogGroupsRequest { LogGroupNamePrefix = "/ecs/" }, None),
            """{"logGroupNamePrefix":"/ecs/"}""",
            $$$$"""{"logGroups":[{"logGroupName":"/ecs/web","creationTime":1773480413123,"retentionInDays":30,"metricFilterCount":0,"arn":"arn:aws:logs:eu-west-1:{{{{Account}}}}:log-group:/ecs/web:*","storedBytes":1024}],"nextToken":"g2"}""",
            r => Assert.Equal(("/ecs/web", 1_773_480_413_123L, 30, "g2"), (r.LogGroups![0].LogGroupName, r.LogGroups[0].CreationTime, r.LogGroups[0].RetentionInDays, r.NextToken))),

        Case(LogsPrefix, "CreateLogGroup", h => h.Logs.CreateLogGroupAsync(new Logs.CreateLogGroupRequest { LogGroupName = "/ecs/web", Tags = new() { ["team"] = "web" } }, None),
            """{"logGroupName":"/ecs/web","tags":{"team":"web"}}""",
            "",
            r => Assert.NotNull(r)),

        Case(LogsPrefix, "DescribeLogStreams", h => h.Logs.DescribeLogStreamsAsync(new Logs.DescribeLogStreamsRequest { LogGroupName = "/ecs/web", OrderBy = "LastEventTime", Descending = true, Limit = 50 }, None),
            """{"logGroupName":"/ecs/web","orderBy":"LastEventTime","descending":true,"limit":50}""",
            """{"logStreams":[{"logStreamName":"ecs/web/0b69d5c0d1b24d4a9bd8a4f4d2e1c001","creationTime":1773480413123,"firstEventTimestamp":1773480414000,"lastEventTimestamp":1773480999000,"lastIngestionTime":1773481000000,"storedBytes":0}]}""",
            r => Assert.Equal(1_773_480_999_000L, Assert.Single(r.LogStreams!).LastEventTimestamp)),

        Case(LogsPrefix, "GetLogEvents", h => h.Logs.GetLogEventsAsync(new Logs.GetLogEventsRequest { LogGroupName = "/ecs/web", LogStreamName = "ecs/web/0b69", StartFromHead = true, NextToken = "f/1" }, None),
            """{"logGroupName":"/ecs/web","logStreamName":"ecs/web/0b69","nextToken":"f/1","startFromHead":true}""",
            """{"events":[{"timestamp":1773480414000,"message":"listening on :80","ingestionTime":1773480415000}],"nextForwardToken":"f/2","nextBackwardToken":"b/1"}""",
            r => Assert.Equal(("listening on :80", "f/2"), (Assert.Single(r.Events!).Message, r.NextForwardToken))),

        Case(LogsPrefix, "FilterLogEvents", h => h.Logs.FilterLogEventsAsync(new Logs.FilterLogEventsRequest { LogGroupName = "/ecs/web", LogStreamNamePrefix = "ecs/web/", FilterPattern = "ERROR", StartTime = 1773480000000 }, None),
            """{"logGroupName":"/ecs/web","logStreamNamePrefix":"ecs/web/","startTime":1773480000000,"filterPattern":"ERROR"}""",
            """{"events":[{"logStreamName":"ecs/web/0b69","timestamp":1773480414000,"message":"ERROR boom","ingestionTime":1773480415000,"eventId":"3790"}],"searchedLogStreams":[],"nextToken":"p2"}""",
            r => Assert.Equal(("ERROR boom", "ecs/web/0b69", "p2"), (Assert.Single(r.Events!).Message, r.Events![0].LogStreamName, r.NextToken))),
    ];

    public static TheoryData<string> Operations => [.. Cases.Select(c => $"{c.Prefix}.{c.Operation}")];

    private static WireCase Find(string target) => Cases.Single(c => $"{c.Prefix}.{c.Operation}" == target);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task SendsTheExactWireRequest(string target)
    {
        var wire = Find(target);
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueJson(wire.Response);

        await wire.Call(aws);

        var request = Assert.Single(aws.Http.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://{wire.Host}/", request.Uri.ToString());
        Assert.Equal(target, request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={AwsTestHarness.AccessKey}/20260314/eu-west-1/", request.Header("Authorization"));
        Assert.Equal("20260314T092653Z", request.Header("X-Amz-Date"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(wire.ExpectedBody), request.Json),
            $"Body sent: {request.Body}\nExpected:  {wire.ExpectedBody}");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task ReadsARealisticResponse(string target)
    {
        var wire = Find(target);
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueJson(wire.Response);

        wire.Check(await wire.Call(aws));
    }

    /// <summary>AWS leaves out members it has nothing for, or sends null: that reads as "nothing", never as a crash.</summary>
    [Theory]
    [MemberData(nameof(Operations))]
    public async Task ReadsAnAnswerWithOptionalMembersMissingOrNull(string target)
    {
        var wire = Find(target);
        using var aws = new AwsTestHarness();
        var nulled = JsonNode.Parse(string.IsNullOrWhiteSpace(wire.Response) ? "{}" : wire.Response)!.AsObject();
        foreach (var name in nulled.Select(p => p.Key).ToList()) nulled[name] = null;
        aws.Http.EnqueueJson("{}").EnqueueJson(nulled.ToJsonString());

        var empty = await wire.Call(aws);
        var allNull = await wire.Call(aws);

        Assert.Equal(empty, allNull);
        Assert.All(empty.GetType().GetProperties(), p => Assert.Null(p.GetValue(empty)));
    }
}
