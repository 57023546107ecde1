using System.Text.Json.Nodes;
using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Commands;
using EcsConsole.Core.TaskDefinitions;

namespace EcsConsole.Tests.Core.TaskDefinitions;

public sealed class TaskDefinitionServiceTests
{
    private static readonly ConsoleUser Admin = new("u1", "ada@example.com", ConsoleRole.Admin);
    private static readonly ConsoleUser Operator = new("u2", "otto@example.com", ConsoleRole.Operator);
    private static readonly AwsTarget Target = new("test", "us-east-1");

    private static string Arn(string family, int revision) => $"arn:aws:ecs:us-east-1:123456789012:task-definition/{family}:{revision}";

    private static string Registered(JsonObject request)
    {
        var td = (JsonObject)request.DeepClone();
        td["taskDefinitionArn"] = Arn(td["family"]!.GetValue<string>(), 1);
        td["revision"] = 1;
        td["status"] = "ACTIVE";
        return new JsonObject { ["taskDefinition"] = td }.ToJsonString();
    }

    [Fact]
    public async Task RegisteringCreatesTheLogGroupThenSendsTheReviewedJson()
    {
        await using var host = new TaskDefinitionTestHost();
        host.Handler.On("CreateLogGroup", _ => "{}").On("RegisterTaskDefinition", Registered);
        var draft = Drafts.FastApi();

        var result = await host.TaskDefinitions.RegisterAsync(Admin, Target, draft, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("fastapi:1", result.Value!.Revision.FamilyRevision);
        Assert.Equal("Registered fastapi:1 and created the log group /ecs/fastapi.", result.Message);
        Assert.Equal(["CreateLogGroup", "RegisterTaskDefinition"], host.Handler.Calls.Select(c => c.Operation));
        Assert.Equal("/ecs/fastapi", host.Handler.Calls[0].Body["logGroupName"]!.GetValue<string>());
        var sent = host.Handler.Calls[1].Body;
        var reviewed = JsonNode.Parse(TaskDefinitionJson.Canonical(TaskDefinitionDraftConverter.ToSpec(draft, "us-east-1")))!;
        Assert.True(JsonNode.DeepEquals(reviewed, sent), sent.ToJsonString());
        Assert.Equal("awsvpc", sent["networkMode"]!.GetValue<string>());
        Assert.Equal("ecs", sent["containerDefinitions"]![0]!["logConfiguration"]!["options"]!["awslogs-stream-prefix"]!.GetValue<string>());
        var audit = Assert.Single(await host.AuditAsync());
        Assert.Equal((AuditOutcome.Succeeded, "RegisterTaskDefinition", "fastapi"), (audit.Outcome, audit.Action, audit.Resource));
    }

    [Fact]
    public async Task AnExistingLogGroupIsFine()
    {
        await using var host = new TaskDefinitionTestHost();
        host.Handler.Fail("CreateLogGroup", "ResourceAlreadyExistsException", "The specified log group already exists")
            .On("RegisterTaskDefinition", Registered);
        var result = await host.TaskDefinitions.RegisterAsync(Admin, Target, Drafts.FastApi(), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Registered fastapi:1.", result.Message);
    }

    [Fact]
    public async Task AnOperatorIsRefusedBeforeAnyAwsCall()
    {
        await using var host = new TaskDefinitionTestHost();
        var result = await host.TaskDefinitions.RegisterAsync(Operator, Target, Drafts.FastApi(), CancellationToken.None);
        Assert.True(result.Refused);
        Assert.Contains("needs the Admin role", result.Message, StringComparison.Ordinal);
        Assert.Empty(host.Handler.Calls);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(await host.AuditAsync()).Outcome);
    }

    [Fact]
    public async Task AnInvalidDraftIsRejectedBeforeAnyAwsCall()
    {
        await using var host = new TaskDefinitionTestHost();
        var draft = Drafts.FastApi();
        draft.Memory = 4096;
        var result = await host.TaskDefinitions.RegisterAsync(Admin, Target, draft, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(AuditOutcome.Rejected, result.Outcome);
        Assert.Contains("memory: 0.25 vCPU takes 0.5 GB to 2 GB", result.Message, StringComparison.Ordinal);
        Assert.Empty(host.Handler.Calls);
    }

    [Fact]
    public async Task AwsRejectionBecomesASentenceWithAwsWordsAndItsStep()
    {
        await using var host = new TaskDefinitionTestHost();
        host.Handler.On("CreateLogGroup", _ => "{}")
            .Fail("RegisterTaskDefinition", "ClientException", "Role is not valid: arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
        var result = await host.TaskDefinitions.RegisterAsync(Admin, Target, Drafts.FastApi(), CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(AwsErrorKind.InvalidInput, result.ErrorKind);
        Assert.Equal("AWS rejected the RegisterTaskDefinition request as invalid. AWS said: Role is not valid: arn:aws:iam::123456789012:role/ecsTaskExecutionRole", result.Message);
        Assert.Equal(TaskDefinitionSection.Roles, AwsRejection.SectionOf(result.Message));
        Assert.Equal(AuditOutcome.Failed, Assert.Single(await host.AuditAsync()).Outcome);
    }

    [Fact]
    public async Task DeleteDeregistersActiveRevisionsThenDeletesInBatchesOfTen()
    {
        await using var host = new TaskDefinitionTestHost();
        host.Handler.On("DeregisterTaskDefinition", b => new JsonObject { ["taskDefinition"] = new JsonObject { ["taskDefinitionArn"] = b["taskDefinition"]!.GetValue<string>() } }.ToJsonString())
            .On("DeleteTaskDefinitions", b => new JsonObject
            {
                ["taskDefinitions"] = new JsonArray([.. b["taskDefinitions"]!.AsArray().Select(a => (JsonNode)new JsonObject { ["taskDefinitionArn"] = a!.GetValue<string>() })]),
                ["failures"] = new JsonArray(),
            }.ToJsonString());
        var revisions = Enumerable.Range(1, 23)
            .Select(i => new TaskDefinitionRevisionRef("web", i, Arn("web", i), i > 20 ? TaskDefinitionStatus.Active : TaskDefinitionStatus.Inactive)).ToList();

        var result = await host.TaskDefinitions.DeleteAsync(Admin, Target, revisions, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Deleted 23 revisions.", result.Message);
        Assert.Equal(3, host.Handler.CallsTo("DeregisterTaskDefinition").Count());
        Assert.Equal([10, 10, 3], host.Handler.CallsTo("DeleteTaskDefinitions").Select(c => c.Body["taskDefinitions"]!.AsArray().Count));
    }

    [Fact]
    public async Task DeleteFailuresAreReportedPerRevision()
    {
        await using var host = new TaskDefinitionTestHost();
        host.Handler.On("DeleteTaskDefinitions", _ => new JsonObject
        {
            ["taskDefinitions"] = new JsonArray(),
            ["failures"] = new JsonArray(new JsonObject { ["arn"] = Arn("web", 2), ["reason"] = "TASK_DEFINITION_IN_USE" }),
        }.ToJsonString());
        var result = await host.TaskDefinitions.DeleteAsync(Admin, Target, [new("web", 2, Arn("web", 2), TaskDefinitionStatus.Inactive)], CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("web:2: TASK_DEFINITION_IN_USE", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewerCannotDeregister()
    {
        await using var host = new TaskDefinitionTestHost();
        var result = await host.TaskDefinitions.DeregisterAsync(new ConsoleUser("v", "vic", ConsoleRole.Viewer), Target, ["web:1"], CancellationToken.None);
        Assert.True(result.Refused);
        Assert.Empty(host.Handler.Calls);
    }

    [Fact]
    public async Task KeepLastDeregistersOnlyOlderActiveRevisions()
    {
        await using var host = new TaskDefinitionTestHost();
        host.Handler.On("ListTaskDefinitions", b => new JsonObject
        {
            ["taskDefinitionArns"] = b["status"]!.GetValue<string>() == "ACTIVE"
                ? new JsonArray([.. new[] { 6, 5, 4, 3 }.Select(i => (JsonNode)Arn("web", i)), Arn("web-api", 9)])
                : new JsonArray(Arn("web", 2), Arn("web", 1)),
        }.ToJsonString())
            .On("DeregisterTaskDefinition", _ => "{}");

        var result = await host.TaskDefinitions.KeepLastAsync(Admin, Target, "web", 2, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["web:4", "web:3"], host.Handler.CallsTo("DeregisterTaskDefinition").Select(c => c.Body["taskDefinition"]!.GetValue<string>()));
        Assert.Equal(2, result.Value);
    }

    [Fact]
    public async Task KeepingZeroIsRejected()
    {
        await using var host = new TaskDefinitionTestHost();
        var result = await host.TaskDefinitions.KeepLastAsync(Admin, Target, "web", 0, CancellationToken.None);
        Assert.Equal(AuditOutcome.Rejected, result.Outcome);
        Assert.Empty(host.Handler.Calls);
    }

    [Fact]
    public async Task RevisionsAreListedNewestFirstAcrossStatesAndPages()
    {
        await using var host = new TaskDefinitionTestHost();
        host.Handler.On("ListTaskDefinitions", b => (b["status"]!.GetValue<string>(), b["nextToken"]?.GetValue<string>()) switch
        {
            ("ACTIVE", null) => new JsonObject { ["taskDefinitionArns"] = new JsonArray(Arn("web", 5)), ["nextToken"] = "p2" }.ToJsonString(),
            ("ACTIVE", "p2") => new JsonObject { ["taskDefinitionArns"] = new JsonArray(Arn("web", 4)) }.ToJsonString(),
            _ => new JsonObject { ["taskDefinitionArns"] = new JsonArray(Arn("web", 3)) }.ToJsonString(),
        });
        var revisions = await host.TaskDefinitions.ListRevisionsAsync(Target, "web", CancellationToken.None);
        Assert.Equal([(5, TaskDefinitionStatus.Active), (4, TaskDefinitionStatus.Active), (3, TaskDefinitionStatus.Inactive)], revisions.Select(r => (r.Revision, r.Status)));
    }

    [Fact]
    public async Task DraftsAreKeptPerUserAndKey()
    {
        await using var host = new TaskDefinitionTestHost();
        var draft = Drafts.FastApi();
        draft.Containers[0].Environment[0].Value = "saved";
        await host.Drafts.SaveAsync("u1", "test/us-east-1/new", draft, CancellationToken.None);
        draft.Family = "second-save";
        await host.Drafts.SaveAsync("u1", "test/us-east-1/new", draft, CancellationToken.None);

        var loaded = await host.Drafts.LoadAsync("u1", "test/us-east-1/new", CancellationToken.None);
        Assert.Equal("second-save", loaded!.Draft.Family);
        Assert.Equal("saved", loaded.Draft.Containers[0].Environment[0].Value);
        Assert.Null(await host.Drafts.LoadAsync("u2", "test/us-east-1/new", CancellationToken.None));

        await host.Drafts.DeleteAsync("u1", "test/us-east-1/new", CancellationToken.None);
        Assert.Null(await host.Drafts.LoadAsync("u1", "test/us-east-1/new", CancellationToken.None));
    }
}
