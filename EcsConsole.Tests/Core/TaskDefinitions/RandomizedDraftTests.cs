using EcsConsole.Core.TaskDefinitions;

namespace EcsConsole.Tests.Core.TaskDefinitions;

/// <summary>Thousands of drafts, most of them subtly wrong, from a seeded generator.</summary>
public static class RandomDrafts
{
    // Each pool is mostly good values with a few bad ones, so that both accepted and rejected drafts are common.
    private static readonly string[] Names = ["app", "web", "worker", "my-app", "x_1", "api", "side-car", "db", "", "bad name", "App.2"];
    private static readonly string[] Images =
    [
        "nginx", "nginx:1.27", "public.ecr.aws/docker/library/python:3.12", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1",
        "localhost:5000/a/b", "ghcr.io/o/r@sha256:" + new string('a', 64), "busybox", "redis:7", "", "Nginx", "r@sha256:abc",
    ];
    private static readonly string[] EnvNames = ["A", "DB_PASSWORD", "_X", "PATH", "GREETING", "PORT", "LOG_LEVEL", "TOKEN", "1A", "A-B", ""];
    private static readonly string[] Roles = ["", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "arn:aws:iam::123456789012:role/app", "role"];
    private static readonly string[] SecretRefs = ["/prod/db", "arn:aws:ssm:us-east-1:123456789012:parameter/p", "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbC", "bad ref"];
    private static readonly string[] Commands = ["", "", "uvicorn main:app", "[\"a\",\"b\"]", "sh -c 'echo hi'", "sh -c 'echo"];
    private static readonly int[] Ports = [80, 443, 8080, 53, 9000, 3000, 0, 70000];

    public static TaskDefinitionDraft Next(Random r)
    {
        T Pick<T>(IReadOnlyList<T> items) => items[r.Next(items.Count)];
        var sizes = FargateSizes.All;
        var size = r.Next(12) == 0 ? new FargateSize(Pick([128, 256, 1024, 3000]), Pick([256, 512, 4096, 9999])) : Pick(sizes);
        var draft = new TaskDefinitionDraft
        {
            Family = Pick(Names),
            Cpu = r.Next(40) == 0 ? null : size.Cpu,
            Memory = r.Next(40) == 0 ? null : size.Memory,
            OperatingSystemFamily = r.Next(8) == 0 ? Pick(FargateSizes.OperatingSystems) : "LINUX",
            CpuArchitecture = r.Next(4) == 0 ? "ARM64" : "X86_64",
            EphemeralStorageGiB = r.Next(4) == 0 ? r.Next(19, 203) : null,
            TaskRoleArn = r.Next(2) == 0 ? "" : Pick(Roles),
            ExecutionRoleArn = r.Next(8) == 0 ? Pick(Roles) : Roles[1],
            Logging = new LoggingDraft
            {
                Mode = r.Next(3) == 0 ? LoggingMode.None : LoggingMode.AwsLogs,
                StreamPrefix = r.Next(30) == 0 ? "" : "ecs",
                Group = r.Next(30) == 0 ? "bad group" : r.Next(3) == 0 ? "/custom/group" : "",
            },
            Tags = [.. Enumerable.Range(0, r.Next(4) == 0 ? 1 : 0).Select(i => new TagDraft { Key = Pick(["team", "env", "aws:x"]), Value = "v" })],
            Containers = [.. Enumerable.Range(0, r.Next(40) == 0 ? 11 : r.Next(40) == 0 ? 0 : r.Next(1, 4)).Select(_ => NextContainer(r, Pick))],
        };
        return draft;
    }

    private static ContainerDraft NextContainer(Random r, Func<IReadOnlyList<string>, string> pick) => new()
    {
        Name = pick(Names),
        Image = pick(Images),
        Essential = r.Next(4) != 0,
        PortMappings = [.. Enumerable.Range(0, r.Next(3) == 0 ? 0 : 1).Select(_ => new PortMappingDraft
        {
            ContainerPort = r.Next(30) == 0 ? null : Ports[r.Next(Ports.Length)],
            Protocol = r.Next(5) == 0 ? "udp" : "tcp",
            Name = r.Next(6) == 0 ? pick(["http", "web", "Bad Name"]) : "",
            AppProtocol = r.Next(12) == 0 ? pick(["http", "grpc", "ftp"]) : "",
            HostPort = r.Next(20) == 0 ? 8080 : null,
        })],
        Environment = [.. Enumerable.Range(0, r.Next(3)).Select(_ => new EnvironmentVariableDraft { Name = pick(EnvNames), Value = "v=" + r.Next(100) })],
        Secrets = [.. Enumerable.Range(0, r.Next(6) == 0 ? 1 : 0).Select(_ => new SecretDraft { Name = pick(["DB_PASSWORD", "API_KEY", "1BAD"]), ValueFrom = pick(SecretRefs) })],
        Command = pick(Commands),
        HealthCheck = r.Next(5) == 0
            ? new HealthCheckDraft { Enabled = true, Command = pick(["curl -f http://localhost/ || exit 1", "CMD /bin/check", ""]), Interval = r.Next(3, 320), Timeout = r.Next(1, 65), Retries = r.Next(1, 11) }
            : new HealthCheckDraft(),
        Cpu = r.Next(6) == 0 ? r.Next(-1, 300) : null,
        Memory = r.Next(6) == 0 ? r.Next(4, 600) : null,
        MemoryReservation = r.Next(8) == 0 ? r.Next(4, 400) : null,
    };
}

public sealed class RandomizedDraftTests
{
    [Fact]
    public void TheValidatorNeverThrowsAndAcceptedDraftsBecomeConsistentRequests()
    {
        var random = new Random(20260501);
        var accepted = 0;
        for (var i = 0; i < 5000; i++)
        {
            var draft = RandomDrafts.Next(random);
            var validation = TaskDefinitionValidator.Validate(draft);
            Assert.All(validation.Messages, m => Assert.False(string.IsNullOrWhiteSpace(m.Message)));
            if (!validation.IsValid) continue;
            accepted++;
            var spec = TaskDefinitionDraftConverter.ToSpec(draft, "us-east-1");
            var request = TaskDefinitionMapper.ToRegisterRequest(spec);
            Assert.True(FargateSizes.IsValid(int.Parse(request.Cpu!, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(request.Memory!, System.Globalization.CultureInfo.InvariantCulture), spec.OperatingSystemFamily));
            Assert.Contains(request.ContainerDefinitions!, c => c.Essential == true);
            // What the wizard would show after a round trip is what it registers.
            var again = TaskDefinitionDraftConverter.ToSpec(TaskDefinitionDraftConverter.FromSpec(spec, null), "us-east-1");
            Assert.Equal(TaskDefinitionJson.Canonical(spec), TaskDefinitionJson.Canonical(again));
        }

        // The generator must reach both sides of the validator for the test to mean anything.
        Assert.InRange(accepted, 50, 4950);
    }

    [Fact]
    public void ImportingAnyTextNeverThrows()
    {
        var random = new Random(7);
        var json = TaskDefinitionJson.Canonical(TaskDefinitionDraftConverter.ToSpec(Drafts.FastApi(), "us-east-1"));
        for (var i = 0; i < 2000; i++)
        {
            var chars = json.ToCharArray();
            for (var k = 0; k < random.Next(1, 5); k++) chars[random.Next(chars.Length)] = "{}[]\":,0a \n"[random.Next(11)];
            var import = TaskDefinitionJson.Import(new string(chars));
            Assert.True(import.Succeeded || !string.IsNullOrWhiteSpace(import.Error));
            if (import.Draft is { } draft) TaskDefinitionValidator.Validate(draft);
        }
    }
}
