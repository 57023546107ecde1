using EcsConsole.Core.TaskDefinitions;

namespace EcsConsole.Tests.Core.TaskDefinitions;

public sealed class TaskDefinitionValidatorTests
{
    private static TaskDefinitionValidation Validate(Action<TaskDefinitionDraft> change)
    {
        var draft = Drafts.FastApi();
        change(draft);
        return TaskDefinitionValidator.Validate(draft);
    }

    private static void AssertOnlyError(TaskDefinitionValidation validation, string path, string containing)
    {
        var message = Assert.Single(validation.Messages);
        Assert.Equal(path, message.Path);
        Assert.Contains(containing, message.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheTutorialTaskIsValid() => Assert.Empty(TaskDefinitionValidator.Validate(Drafts.FastApi()).Messages);

    [Theory]
    [InlineData("", "Enter a family")]
    [InlineData("my app", "letters, digits")]
    [InlineData("app.v2", "letters, digits")]
    public void FamilyNamesFollowEcsRules(string family, string message)
        => AssertOnlyError(Validate(d => d.Family = family), "family", message);

    [Fact]
    public void FamilyNamesMayBe255CharactersButNotMore()
    {
        Assert.Empty(Validate(d => d.Family = new string('a', 255)).Messages);
        AssertOnlyError(Validate(d => d.Family = new string('a', 256)), "family", "255");
    }

    [Fact]
    public void ContainerNamesFollowEcsRulesAndAreUnique()
    {
        AssertOnlyError(Validate(d => d.Containers[0].Name = "my app"), "containers[0].name", "letters");
        var duplicate = Validate(d => d.Containers.Add(new ContainerDraft { Name = "app", Image = "nginx", Essential = false }));
        AssertOnlyError(duplicate, "containers[1].name", "already called \"app\"");
    }

    [Fact]
    public void AtLeastOneContainerMustBeEssential()
        => AssertOnlyError(Validate(d => d.Containers[0].Essential = false), "containers", "essential");

    [Fact]
    public void OneToTenContainers()
    {
        AssertOnlyError(Validate(d => d.Containers.Clear()), "containers", "at least one");
        var eleven = Validate(d =>
        {
            for (var i = 1; i < 11; i++) d.Containers.Add(new ContainerDraft { Name = $"side{i}", Image = "busybox", Essential = false });
        });
        AssertOnlyError(eleven, "containers", "at most 10");
    }

    [Theory]
    [InlineData(0, "between 1 and 65535")]
    [InlineData(65536, "between 1 and 65535")]
    [InlineData(null, "Enter a port")]
    public void PortsAreBetween1And65535(int? port, string message)
        => AssertOnlyError(Validate(d => d.Containers[0].PortMappings[0].ContainerPort = port), "containers[0].portMappings[0].containerPort", message);

    [Fact]
    public void APortIsMappedOncePerProtocolAcrossTheTask()
    {
        var sameProtocol = Validate(d => d.Containers.Add(new ContainerDraft
        {
            Name = "sidecar", Image = "nginx", Essential = false, PortMappings = [new PortMappingDraft { ContainerPort = 80 }],
        }));
        AssertOnlyError(sameProtocol, "containers[1].portMappings[0].containerPort", "already mapped by container 1");
        var udp = Validate(d => d.Containers[0].PortMappings.Add(new PortMappingDraft { ContainerPort = 80, Protocol = "udp" }));
        Assert.Empty(udp.Messages);
    }

    [Fact]
    public void HostPortMustMatchWithAwsvpc()
        => AssertOnlyError(Validate(d => d.Containers[0].PortMappings[0].HostPort = 8080), "containers[0].portMappings[0].hostPort", "awsvpc");

    [Fact]
    public void AnAppProtocolNeedsANamedPort()
        => AssertOnlyError(Validate(d => d.Containers[0].PortMappings[0].AppProtocol = "http"), "containers[0].portMappings[0].name", "Name the port");

    [Theory]
    [InlineData("1ST")]
    [InlineData("MY-VAR")]
    [InlineData("A B")]
    public void EnvironmentVariableNamesAreShellNames(string name)
        => AssertOnlyError(Validate(d => d.Containers[0].Environment[0].Name = name), "containers[0].environment[0].name", "letters, digits and underscores");

    [Fact]
    public void AVariableIsSetOncePerContainer()
    {
        var validation = Validate(d => d.Containers[0].Environment.Add(new EnvironmentVariableDraft { Name = "GREETING", Value = "again" }));
        AssertOnlyError(validation, "containers[0].environment[1].name", "already set");
    }

    [Fact]
    public void AValueWithoutANameIsReported()
        => AssertOnlyError(Validate(d => d.Containers[0].Environment.Add(new EnvironmentVariableDraft { Value = "orphan" })), "containers[0].environment[1].name", "Enter a name");

    [Theory]
    [InlineData("nginx")]
    [InlineData("nginx:1.27-alpine")]
    [InlineData("library/nginx:latest")]
    [InlineData("public.ecr.aws/docker/library/python:3.12")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:v1")]
    [InlineData("localhost:5000/app")]
    [InlineData("ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("quay.io/org/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ValidImageReferencesPass(string image) => Assert.True(TaskDefinitionValidator.IsValidImageReference(image, out _), image);

    [Theory]
    [InlineData("", "Enter an image")]
    [InlineData("Nginx", "not an image reference")]
    [InlineData("nginx:", "not an image reference")]
    [InlineData("nginx latest", "spaces")]
    [InlineData("registry.example.com/app:-bad", "not an image reference")]
    [InlineData("app@sha256:abc123", "not an image reference")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00", "64 hexadecimal")]
    public void InvalidImageReferencesSayWhy(string image, string message)
        => AssertOnlyError(Validate(d => d.Containers[0].Image = image), "containers[0].image", message);

    [Fact]
    public void AnUnlistedSizeIsRejectedWithTheRangeThatFits()
        => AssertOnlyError(Validate(d => d.Memory = 4096), "memory", "0.25 vCPU takes 0.5 GB to 2 GB");

    [Fact]
    public void AnUnknownCpuIsRejected() => AssertOnlyError(Validate(d => d.Cpu = 300), "cpu", "not a Fargate size");

    [Fact]
    public void WindowsStartsAtOneVcpuAndRunsOnX86Only()
    {
        AssertOnlyError(Validate(d => d.OperatingSystemFamily = "WINDOWS_SERVER_2022_CORE"), "cpu", "at least 1 vCPU");
        var arm = Validate(d => { d.OperatingSystemFamily = "WINDOWS_SERVER_2022_CORE"; d.Cpu = 1024; d.Memory = 2048; d.CpuArchitecture = "ARM64"; });
        AssertOnlyError(arm, "cpuArchitecture", "X86_64");
    }

    [Fact]
    public void ContainersMustFitInTheTask()
    {
        var cpu = Validate(d => d.Containers.Add(new ContainerDraft { Name = "b", Image = "nginx", Essential = false, Cpu = 200 }));
        Assert.Empty(cpu.Messages);
        var tooMuchCpu = Validate(d =>
        {
            d.Containers[0].Cpu = 200;
            d.Containers.Add(new ContainerDraft { Name = "b", Image = "nginx", Essential = false, Cpu = 100 });
        });
        AssertOnlyError(tooMuchCpu, "cpu", "reserve 300 CPU units together; the task has 256");
        var tooMuchMemory = Validate(d =>
        {
            d.Containers[0].Memory = 400;
            d.Containers.Add(new ContainerDraft { Name = "b", Image = "nginx", Essential = false, MemoryReservation = 200 });
        });
        AssertOnlyError(tooMuchMemory, "memory", "600 MiB together");
        var tooBig = Validate(d => d.Containers[0].Memory = 1024);
        Assert.Equal(["containers[0].memory", "memory"], tooBig.Messages.Select(m => m.Path));
        Assert.Contains("more than the task's 512", tooBig.For("containers[0].memory"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSoftLimitIsNotAboveTheHardLimit()
        => AssertOnlyError(Validate(d => { d.Containers[0].Memory = 256; d.Containers[0].MemoryReservation = 300; }), "containers[0].memoryReservation", "cannot be above");

    [Theory]
    [InlineData(20)]
    [InlineData(201)]
    public void EphemeralStorageIs21To200(int gib)
        => AssertOnlyError(Validate(d => d.EphemeralStorageGiB = gib), "ephemeralStorage", "21 to 200");

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/app", true)]
    [InlineData("arn:aws-cn:iam::123456789012:role/service-role/app", true)]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/app", true)]
    [InlineData("arn:aws:iam::12345678901:role/app", false)]
    [InlineData("arn:aws:iam::123456789012:user/app", false)]
    [InlineData("ecsTaskExecutionRole", false)]
    public void RoleArnsAreChecked(string arn, bool valid)
    {
        var validation = Validate(d => d.TaskRoleArn = arn);
        Assert.Equal(valid, validation.For("taskRoleArn") is null);
    }

    [Fact]
    public void TheExecutionRoleIsRequiredForAwslogsPrivateEcrAndSecrets()
    {
        AssertOnlyError(Validate(d => d.ExecutionRoleArn = null), "executionRoleArn", "CloudWatch");
        Assert.Empty(Validate(d => { d.ExecutionRoleArn = null; d.Logging.Mode = LoggingMode.None; }).Messages);
        AssertOnlyError(Validate(d =>
        {
            d.ExecutionRoleArn = null;
            d.Logging.Mode = LoggingMode.None;
            d.Containers[0].Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1";
        }), "executionRoleArn", "private ECR");
        AssertOnlyError(Validate(d =>
        {
            d.ExecutionRoleArn = null;
            d.Logging.Mode = LoggingMode.None;
            d.Containers[0].Secrets.Add(new SecretDraft { Name = "DB_PASSWORD", ValueFrom = "/prod/db/password" });
        }), "executionRoleArn", "secrets");
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf", true)]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::", true)]
    [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password", true)]
    [InlineData("/prod/db/password", true)]
    [InlineData("db_password", true)]
    [InlineData("arn:aws:s3:::bucket/key", false)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    public void SecretReferencesAreSecretsManagerOrSsm(string valueFrom, bool valid)
    {
        var validation = Validate(d => d.Containers[0].Secrets.Add(new SecretDraft { Name = "DB_PASSWORD", ValueFrom = valueFrom }));
        Assert.Equal(valid, validation.For("containers[0].secrets[0].valueFrom") is null);
    }

    [Fact]
    public void AwslogsNeedsAStreamPrefixAndAValidGroup()
    {
        AssertOnlyError(Validate(d => d.Logging.StreamPrefix = ""), "logging.streamPrefix", "stream prefix");
        AssertOnlyError(Validate(d => d.Logging.Group = "bad group!"), "logging.group", "512");
        AssertOnlyError(Validate(d => d.Logging.Region = "Virginia"), "logging.region", "us-east-1");
    }

    [Fact]
    public void HealthCheckRangesAreChecked()
    {
        var validation = Validate(d => d.Containers[0].HealthCheck = new HealthCheckDraft { Enabled = true, Command = "", Interval = 1, Timeout = 61, Retries = 11, StartPeriod = 301 });
        Assert.Equal(
            ["containers[0].healthCheck.command", "containers[0].healthCheck.interval", "containers[0].healthCheck.timeout", "containers[0].healthCheck.retries", "containers[0].healthCheck.startPeriod"],
            validation.Messages.Select(m => m.Path));
    }

    [Fact]
    public void AnUnclosedQuoteInTheCommandIsReported()
        => AssertOnlyError(Validate(d => d.Containers[0].Command = "sh -c 'echo hi"), "containers[0].command", "not closed");

    [Fact]
    public void TagsAreCheckedForReservedPrefixAndDuplicates()
    {
        var validation = Validate(d => d.Tags = [new TagDraft { Key = "aws:owner", Value = "x" }, new TagDraft { Key = "team", Value = "a" }, new TagDraft { Key = "team", Value = "b" }]);
        Assert.Equal(["tags[0].key", "tags[2].key"], validation.Messages.Select(m => m.Path));
    }

    [Fact]
    public void MessagesBelongToTheirWizardStep()
    {
        var validation = Validate(d => { d.Family = ""; d.Memory = 4096; d.Containers[0].Image = ""; d.TaskRoleArn = "x"; d.Logging.StreamPrefix = ""; });
        Assert.Equal(
            [TaskDefinitionSection.Family, TaskDefinitionSection.Containers, TaskDefinitionSection.TaskSize, TaskDefinitionSection.Roles, TaskDefinitionSection.Logging],
            validation.Messages.Select(m => m.Section));
    }
}
