using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.TaskDefinitions;

namespace EcsConsole.Tests.Core.TaskDefinitions;

public sealed class DotEnvParserTests
{
    [Fact]
    public void ReadsTheUsualDotEnvForms()
    {
        var result = DotEnvParser.Parse("""
            # database
            export DB_HOST=db.internal
            DB_PORT = 5432
            GREETING="hello \"world\"\nbye"
            LITERAL='a $b \n c'
            EMPTY=
            URL=http://x/#anchor # trailing comment
            DB_PORT=6432
            """);
        Assert.Empty(result.Problems);
        Assert.Equal(
            [("DB_HOST", "db.internal"), ("GREETING", "hello \"world\"\nbye"), ("LITERAL", "a $b \\n c"), ("EMPTY", ""), ("URL", "http://x/#anchor"), ("DB_PORT", "6432")],
            result.Variables.Select(v => (v.Name, v.Value)));
    }

    [Fact]
    public void DoubleQuotedValuesMaySpanLines()
    {
        var result = DotEnvParser.Parse("KEY=\"line1\nline2\"\nNEXT=1");
        Assert.Equal([("KEY", "line1\nline2"), ("NEXT", "1")], result.Variables.Select(v => (v.Name, v.Value)));
    }

    [Fact]
    public void ProblemsNameTheLine()
    {
        var result = DotEnvParser.Parse("GOOD=1\nnot a line\n1BAD=2\nOPEN='x");
        Assert.Equal(["GOOD"], result.Variables.Select(v => v.Name));
        Assert.Equal(3, result.Problems.Count);
        Assert.StartsWith("Line 2:", result.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 3:", result.Problems[1], StringComparison.Ordinal);
        Assert.Contains("not closed", result.Problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void MergingUpdatesExistingRowsAndAppendsNewOnes()
    {
        List<EnvironmentVariableDraft> rows = [new() { Name = "A", Value = "1" }, new()];
        DotEnvParser.MergeInto(rows, DotEnvParser.Parse("A=2\nB=3").Variables);
        Assert.Equal([("A", "2"), ("B", "3")], rows.Select(r => (r.Name, r.Value)));
    }
}

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("uvicorn main:app --port 80", new[] { "uvicorn", "main:app", "--port", "80" })]
    [InlineData("sh -c 'echo hello world'", new[] { "sh", "-c", "echo hello world" })]
    [InlineData("[\"python\", \"-m\", \"http.server\"]", new[] { "python", "-m", "http.server" })]
    [InlineData("", new string[0])]
    public void SplitsWordsQuotesAndJsonArrays(string text, string[] words)
    {
        Assert.True(CommandLine.TrySplit(text, out var split, out _));
        Assert.Equal(words, split);
    }

    [Theory]
    [InlineData("uvicorn", "main:app")]
    [InlineData("sh", "-c", "echo \"hi\" && exit 1")]
    public void JoinSplitsBackExactly(params string[] words)
    {
        Assert.True(CommandLine.TrySplit(CommandLine.Join(words), out var again, out _));
        Assert.Equal(words, again);
    }
}

public sealed class TaskDefinitionMapperTests
{
    private static RegisterTaskDefinitionRequest FullRequest() => new()
    {
        Family = "web",
        TaskRoleArn = "arn:aws:iam::123456789012:role/app",
        ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        NetworkMode = "awsvpc",
        RequiresCompatibilities = ["FARGATE"],
        Cpu = "1024",
        Memory = "2048",
        RuntimePlatform = new RuntimePlatform { OperatingSystemFamily = "LINUX", CpuArchitecture = "ARM64" },
        EphemeralStorage = new EphemeralStorage { SizeInGiB = 50 },
        Tags = [new Tag { Key = "team", Value = "a" }],
        ContainerDefinitions =
        [
            new ContainerDefinition
            {
                Name = "app", Image = "nginx:1.27", Essential = true, Cpu = 512, Memory = 1024, MemoryReservation = 512,
                PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 80, Protocol = "tcp", Name = "http", AppProtocol = "http" }],
                Environment = [new EcsConsole.Core.Aws.Ecs.Model.KeyValuePair { Name = "A", Value = "1" }],
                Secrets = [new Secret { Name = "DB_PASSWORD", ValueFrom = "/prod/db" }],
                Command = ["nginx", "-g", "daemon off;"],
                EntryPoint = ["/docker-entrypoint.sh"],
                WorkingDirectory = "/srv",
                HealthCheck = new HealthCheck { Command = ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], Interval = 30, Timeout = 5, Retries = 3, StartPeriod = 10 },
                LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new() { ["awslogs-group"] = "/ecs/web", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "ecs" } },
            },
            new ContainerDefinition
            {
                Name = "sidecar", Image = "busybox", Essential = false,
                LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new() { ["awslogs-group"] = "/ecs/web", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "ecs" } },
            },
        ],
    };

    [Fact]
    public void WireToSpecToWireKeepsEverythingTheConsoleEdits()
    {
        var request = FullRequest();
        var spec = TaskDefinitionMapper.ToSpec(request);
        Assert.Equal(TaskDefinitionJson.Canonical(request), TaskDefinitionJson.Canonical(spec));
        Assert.Equal(1024, spec.Cpu);
        Assert.Equal("ARM64", spec.CpuArchitecture);
        Assert.Equal("/prod/db", spec.Containers[0].Secrets[0].ValueFrom);
    }

    [Fact]
    public void SpecToDraftToSpecIsLosslessForWizardTasks()
    {
        var spec = TaskDefinitionMapper.ToSpec(FullRequest());
        var draft = TaskDefinitionDraftConverter.FromSpec(spec, "web:1");
        Assert.Equal(LoggingMode.AwsLogs, draft.Logging.Mode);
        Assert.Equal("[\"nginx\",\"-g\",\"daemon off;\"]", draft.Containers[0].Command);
        Assert.Equal("curl -f http://localhost/ || exit 1", draft.Containers[0].HealthCheck.Command);
        var again = TaskDefinitionDraftConverter.ToSpec(draft, "us-east-1");
        Assert.Equal(TaskDefinitionJson.Canonical(spec), TaskDefinitionJson.Canonical(again));
    }

    [Fact]
    public void ContainersWithOtherLogDriversKeepTheirConfiguration()
    {
        var request = FullRequest() with
        {
            ContainerDefinitions = [FullRequest().ContainerDefinitions![0] with { LogConfiguration = new LogConfiguration { LogDriver = "splunk", Options = new() { ["splunk-url"] = "https://s" } } }],
        };
        var spec = TaskDefinitionMapper.ToSpec(request);
        var draft = TaskDefinitionDraftConverter.FromSpec(spec, null);
        Assert.Equal(LoggingMode.AsImported, draft.Logging.Mode);
        Assert.Equal(TaskDefinitionJson.Canonical(spec), TaskDefinitionJson.Canonical(TaskDefinitionDraftConverter.ToSpec(draft, "us-east-1")));
    }

    [Fact]
    public void RevisionsMapStatusTimesAndUnknownStates()
    {
        var revision = TaskDefinitionMapper.ToRevision(new TaskDefinition
        {
            TaskDefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
            Family = "web", Revision = 7, Status = "DELETE_IN_PROGRESS", RegisteredAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        });
        Assert.Equal("web:7", revision.FamilyRevision);
        Assert.Equal(TaskDefinitionStatus.DeleteInProgress, revision.Status);
        Assert.Empty(revision.Spec.Containers);
        Assert.Equal(TaskDefinitionStatus.Unknown, TaskDefinitionMapper.ParseStatus("SOMETHING_NEW"));
    }

    [Theory]
    [InlineData("256", 256)]
    [InlineData("0.25 vCPU", 256)]
    [InlineData("1 vcpu", 1024)]
    [InlineData(null, null)]
    public void CpuIsReadInUnitsOrVcpu(string? text, int? units) => Assert.Equal(units, TaskDefinitionMapper.ParseCpu(text));

    [Theory]
    [InlineData("512", 512)]
    [InlineData("0.5 GB", 512)]
    [InlineData("2gb", 2048)]
    public void MemoryIsReadInMibOrGb(string text, int mib) => Assert.Equal(mib, TaskDefinitionMapper.ParseMemory(text));

    [Fact]
    public void ArnsParseIntoFamilyAndRevision()
    {
        var r = TaskDefinitionRevisionRef.FromArn("arn:aws:ecs:us-east-1:123456789012:task-definition/my-app_v2:12", TaskDefinitionStatus.Active);
        Assert.Equal(("my-app_v2", 12), (r!.Family, r.Revision));
        Assert.Null(TaskDefinitionRevisionRef.FromArn("garbage", TaskDefinitionStatus.Active));
    }
}

public sealed class TaskDefinitionJsonImportTests
{
    private const string DescribeOutput = """
        {
          "taskDefinition": {
            "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/fastapi:3",
            "containerDefinitions": [
              { "name": "app", "image": "public.ecr.aws/docker/library/python:3.12", "cpu": 0, "essential": true,
                "portMappings": [ { "containerPort": 80, "hostPort": 80, "protocol": "tcp" } ],
                "environment": [ { "name": "GREETING", "value": "hi" } ],
                "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/fastapi", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" } } }
            ],
            "family": "fastapi",
            "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "networkMode": "awsvpc",
            "revision": 3,
            "status": "ACTIVE",
            "requiresAttributes": [ { "name": "com.amazonaws.ecs.capability.logging-driver.awslogs" } ],
            "compatibilities": [ "EC2", "FARGATE" ],
            "requiresCompatibilities": [ "FARGATE" ],
            "cpu": "256",
            "memory": "512",
            "registeredAt": "2026-01-01T10:00:00.000Z",
            "registeredBy": "arn:aws:iam::123456789012:root"
          },
          "tags": [ { "key": "team", "value": "web" } ]
        }
        """;

    [Fact]
    public void DescribeOutputImportsWithReadOnlyFieldsIgnored()
    {
        var import = TaskDefinitionJson.Import(DescribeOutput);
        Assert.True(import.Succeeded, import.Error);
        var draft = import.Draft!;
        Assert.Equal("fastapi", draft.Family);
        Assert.Equal((256, 512), (draft.Cpu, draft.Memory));
        Assert.Equal("app", draft.Containers[0].Name);
        Assert.Equal(80, draft.Containers[0].PortMappings[0].ContainerPort);
        Assert.Equal(LoggingMode.AwsLogs, draft.Logging.Mode);
        Assert.Equal("team", draft.Tags[0].Key);
        Assert.Contains("taskDefinitionArn", import.Ignored);
        Assert.Contains("registeredAt", import.Ignored);
        Assert.Empty(TaskDefinitionValidator.Validate(draft).Messages);
    }

    [Fact]
    public void TheInnerObjectAloneImportsToo()
    {
        var inner = System.Text.Json.Nodes.JsonNode.Parse(DescribeOutput)!["taskDefinition"]!.ToJsonString();
        Assert.Equal("fastapi", TaskDefinitionJson.Import(inner).Draft!.Family);
    }

    [Fact]
    public void ImportedProblemsAreFoundByTheSameValidator()
    {
        var import = TaskDefinitionJson.Import("""{ "family": "x y", "cpu": 256, "memory": 4096, "containerDefinitions": [ { "name": "app", "image": "Bad Image" } ] }""");
        Assert.True(import.Succeeded);
        var paths = TaskDefinitionValidator.Validate(import.Draft!).Messages.Select(m => m.Path).ToList();
        Assert.Contains("family", paths);
        Assert.Contains("memory", paths);
        Assert.Contains("containers[0].image", paths);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON (line 1")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{ \"hello\": 1 }", "does not look like a task definition")]
    [InlineData("{ \"family\": \"a\", \"containerDefinitions\": \"oops\" }", "wrong type at containerDefinitions")]
    [InlineData("", "Paste a task definition")]
    public void BadJsonSaysWhatIsWrong(string json, string message)
    {
        var import = TaskDefinitionJson.Import(json);
        Assert.False(import.Succeeded);
        Assert.Contains(message, import.Error, StringComparison.Ordinal);
    }
}

public sealed class LineDiffTests
{
    [Fact]
    public void IdenticalTextsHaveNoChanges()
        => Assert.All(LineDiff.Compute("a\nb\nc", "a\nb\nc"), l => Assert.Equal(DiffKind.Same, l.Kind));

    [Fact]
    public void AChangedLineIsARemovalAndAnAdditionWithLineNumbers()
    {
        var lines = LineDiff.Compute("a\nb\nc\nd", "a\nB\nc\nd\ne");
        Assert.Equal(
            [(DiffKind.Same, "a"), (DiffKind.Removed, "b"), (DiffKind.Added, "B"), (DiffKind.Same, "c"), (DiffKind.Same, "d"), (DiffKind.Added, "e")],
            lines.Select(l => (l.Kind, l.Text)));
        Assert.Equal((2, (int?)null), (lines[1].LeftNumber!.Value, lines[1].RightNumber));
        Assert.Equal(5, lines[^1].RightNumber);
    }

    [Fact]
    public void TheDiffIsMinimalAndRebuildsBothSides()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => ((char)('a' + random.Next(5))).ToString()).ToList();
            var b = a.Where(_ => random.Next(4) != 0).ToList();
            b.InsertRange(random.Next(b.Count + 1), Enumerable.Range(0, random.Next(3)).Select(_ => "x"));
            var diff = LineDiff.Compute(a, b);
            Assert.Equal(a, diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text));
            Assert.Equal(b, diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text));
            Assert.Equal(Lcs(a, b), diff.Count(l => l.Kind == DiffKind.Same));
        }
    }

    [Fact]
    public void SideBySidePairsReplacedLines()
    {
        var rows = LineDiff.SideBySide(LineDiff.Compute("a\nold\nz", "a\nnew\nextra\nz"));
        Assert.Equal([DiffRowKind.Same, DiffRowKind.Modified, DiffRowKind.Added, DiffRowKind.Same], rows.Select(r => r.Kind));
        Assert.Equal(("old", "new"), (rows[1].Left, rows[1].Right));
        Assert.Null(rows[2].Left);
    }

    [Fact]
    public void TwoRevisionsDifferOnlyInTheChangedVariable()
    {
        var first = Drafts.FastApi();
        var second = Drafts.FastApi();
        second.Containers[0].Environment[0].Value = "bonjour";
        var diff = LineDiff.Compute(
            TaskDefinitionJson.Canonical(TaskDefinitionDraftConverter.ToSpec(first, "us-east-1")),
            TaskDefinitionJson.Canonical(TaskDefinitionDraftConverter.ToSpec(second, "us-east-1")));
        var changed = diff.Where(l => l.Kind != DiffKind.Same).Select(l => (l.Kind, l.Text.Trim())).ToList();
        Assert.Equal([(DiffKind.Removed, "\"value\": \"hello\""), (DiffKind.Added, "\"value\": \"bonjour\"")], changed);
    }

    private static int Lcs(List<string> a, List<string> b)
    {
        var t = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                t[i, j] = a[i - 1] == b[j - 1] ? t[i - 1, j - 1] + 1 : Math.Max(t[i - 1, j], t[i, j - 1]);
            }
        }

        return t[a.Count, b.Count];
    }
}
