using System.Diagnostics;
using System.Text.Json;

namespace EcsConsole.Tests.Sandbox;

/// <summary>
/// The sandbox's wire format judged by clients nobody here wrote: AWS CLI v2 (Debian's awscli
/// package) and AWS CLI v1 (botocore, in the machine image), each pointed at it with --endpoint-url.
/// </summary>
public sealed class AwsCliConformanceTests
{
    public const string CliV2 = "/usr/bin/aws";
    public const string CliV1 = "/root/.pyenv/shims/aws";

    public static TheoryData<string> Clis => new() { CliV2, CliV1 };

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task ListsClustersAndDescribesTheRunningTask(string cli)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var aws = new Cli(cli, sandbox);

        var clusters = await aws.JsonAsync("ecs", "list-clusters");
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/demo", clusters.GetProperty("clusterArns")[0].GetString());

        var taskArn = (await aws.JsonAsync("ecs", "list-tasks", "--cluster", "demo")).GetProperty("taskArns")[0].GetString()!;
        var task = (await aws.JsonAsync("ecs", "describe-tasks", "--cluster", "demo", "--tasks", taskArn)).GetProperty("tasks")[0];
        Assert.Equal("RUNNING", task.GetProperty("lastStatus").GetString());
        Assert.Equal("ElasticNetworkInterface", task.GetProperty("attachments")[0].GetProperty("type").GetString());
        // Timestamps are epoch seconds on the wire: CLI v1 prints them as numbers, v2 as ISO 8601 dates.
        var created = task.GetProperty("createdAt");
        var createdAt = created.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(created.GetDouble() * 1000))
            : DateTimeOffset.Parse(created.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(createdAt < SandboxHarness.Start && createdAt > SandboxHarness.Start.AddHours(-1), $"createdAt {createdAt} is not the seeded task's");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task RegistersATaskDefinitionThenRunsAndStopsATask(string cli)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var aws = new Cli(cli, sandbox);

        var registered = (await aws.JsonAsync("ecs", "register-task-definition",
            "--family", "cli-web", "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "512", "--memory", "1024",
            "--container-definitions", """[{"name":"web","image":"nginx:latest","portMappings":[{"containerPort":80}]}]""")).GetProperty("taskDefinition");
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/cli-web:1", registered.GetProperty("taskDefinitionArn").GetString());

        var network = $"awsvpcConfiguration={{subnets=[{string.Join(',', sandbox.DefaultSubnets)}],assignPublicIp=ENABLED}}";
        var run = await aws.JsonAsync("ecs", "run-task", "--cluster", "demo", "--task-definition", "cli-web", "--launch-type", "FARGATE",
            "--network-configuration", network, "--count", "2");
        Assert.Equal(2, run.GetProperty("tasks").GetArrayLength());
        var taskArn = run.GetProperty("tasks")[0].GetProperty("taskArn").GetString()!;
        Assert.Equal("PROVISIONING", run.GetProperty("tasks")[0].GetProperty("lastStatus").GetString());

        sandbox.Advance(10);
        var stopped = (await aws.JsonAsync("ecs", "stop-task", "--cluster", "demo", "--task", taskArn, "--reason", "cli test")).GetProperty("task");
        Assert.Equal(("STOPPING", "UserInitiated", "cli test"),
            (stopped.GetProperty("lastStatus").GetString(), stopped.GetProperty("stopCode").GetString(), stopped.GetProperty("stoppedReason").GetString()));
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task ReadsLogEventsRepositoriesAndNetworkInterfaces(string cli)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var aws = new Cli(cli, sandbox);
        var task = await sandbox.RunDemoTaskAsync();
        sandbox.Advance(30);
        var taskId = task.TaskArn!.Split('/')[^1];

        var events = await aws.JsonAsync("logs", "get-log-events", "--log-group-name", "/ecs/fastapi-demo",
            "--log-stream-name", $"ecs/app/{taskId}", "--start-from-head", "--limit", "3");
        Assert.Equal("INFO:     Started server process [1]", events.GetProperty("events")[0].GetProperty("message").GetString());
        Assert.StartsWith("f/", events.GetProperty("nextForwardToken").GetString(), StringComparison.Ordinal);

        var repositories = await aws.JsonAsync("ecr", "describe-repositories");
        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/fastapi-demo",
            repositories.GetProperty("repositories")[0].GetProperty("repositoryUri").GetString());

        var eniId = (await sandbox.DescribeTaskAsync(task.TaskArn)).Attachments![0].Details!.Single(d => d.Name == "networkInterfaceId").Value!;
        var enis = await aws.JsonAsync("ec2", "describe-network-interfaces", "--network-interface-ids", eniId);
        var eni = enis.GetProperty("NetworkInterfaces")[0];
        Assert.Equal(eniId, eni.GetProperty("NetworkInterfaceId").GetString());
        Assert.StartsWith("203.0.113.", eni.GetProperty("Association").GetProperty("PublicIp").GetString(), StringComparison.Ordinal);

        var identity = await aws.JsonAsync("sts", "get-caller-identity");
        Assert.Equal("123456789012", identity.GetProperty("Account").GetString());
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task BadInputGetsTheDocumentedErrors(string cli)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var aws = new Cli(cli, sandbox);

        var size = await aws.FailAsync("ecs", "register-task-definition", "--family", "bad", "--network-mode", "awsvpc",
            "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "4096",
            "--container-definitions", """[{"name":"web","image":"nginx"}]""");
        Assert.Contains("(ClientException) when calling the RegisterTaskDefinition operation: No Fargate configuration exists for given values", size, StringComparison.Ordinal);

        var cluster = await aws.FailAsync("ecs", "list-tasks", "--cluster", "nope");
        Assert.Contains("(ClusterNotFoundException) when calling the ListTasks operation: Cluster not found.", cluster, StringComparison.Ordinal);

        var eni = await aws.FailAsync("ec2", "describe-network-interfaces", "--network-interface-ids", "eni-0123456789abcdef0");
        Assert.Contains("(InvalidNetworkInterfaceID.NotFound)", eni, StringComparison.Ordinal);

        var repository = await aws.FailAsync("ecr", "describe-repositories", "--repository-names", "nope");
        Assert.Contains("(RepositoryNotFoundException)", repository, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task PushesImagesWithPutImageAndMovesOrProtectsTags(string cli)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var aws = new Cli(cli, sandbox);
        static string Manifest(int layer) => $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1500,"digest":"sha256:{{new string('c', 64)}}"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":{{layer}},"digest":"sha256:{{new string('a', 64)}}"}]}""";
        static string DigestOf(string manifest) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(manifest)));
        await aws.JsonAsync("ecr", "create-repository", "--repository-name", "team/pushed");

        var first = await aws.JsonAsync("ecr", "put-image", "--repository-name", "team/pushed", "--image-tag", "latest", "--image-manifest", Manifest(1_000_000));
        Assert.Equal(DigestOf(Manifest(1_000_000)), first.GetProperty("image").GetProperty("imageId").GetProperty("imageDigest").GetString());
        var again = await aws.FailAsync("ecr", "put-image", "--repository-name", "team/pushed", "--image-tag", "latest", "--image-manifest", Manifest(1_000_000));
        Assert.Contains("(ImageAlreadyExistsException)", again, StringComparison.Ordinal);

        // A new build pushed as latest takes the tag; the old image stays, untagged.
        await aws.JsonAsync("ecr", "put-image", "--repository-name", "team/pushed", "--image-tag", "latest", "--image-manifest", Manifest(2_000_000));
        var images = (await aws.JsonAsync("ecr", "describe-images", "--repository-name", "team/pushed")).GetProperty("imageDetails").EnumerateArray()
            .ToDictionary(i => i.GetProperty("imageDigest").GetString()!, i => i);
        Assert.Equal(2, images.Count);
        Assert.Equal("latest", images[DigestOf(Manifest(2_000_000))].GetProperty("imageTags")[0].GetString());
        Assert.Equal(2_001_500, images[DigestOf(Manifest(2_000_000))].GetProperty("imageSizeInBytes").GetInt64());
        Assert.False(images[DigestOf(Manifest(1_000_000))].TryGetProperty("imageTags", out _));

        await aws.JsonAsync("ecr", "create-repository", "--repository-name", "team/fixed", "--image-tag-mutability", "IMMUTABLE");
        await aws.JsonAsync("ecr", "put-image", "--repository-name", "team/fixed", "--image-tag", "v1", "--image-manifest", Manifest(1));
        var overwrite = await aws.FailAsync("ecr", "put-image", "--repository-name", "team/fixed", "--image-tag", "v1", "--image-manifest", Manifest(2));
        Assert.Contains("(ImageTagAlreadyExistsException)", overwrite, StringComparison.Ordinal);
        var missing = await aws.FailAsync("ecr", "put-image", "--repository-name", "nope", "--image-tag", "v1", "--image-manifest", Manifest(1));
        Assert.Contains("(RepositoryNotFoundException)", missing, StringComparison.Ordinal);
    }

    /// <summary>One AWS CLI binary with a clean environment: no shared config, fixed keys and region.</summary>
    private sealed class Cli(string path, SandboxHarness sandbox)
    {
        public async Task<JsonElement> JsonAsync(params string[] args)
        {
            var (exit, stdout, stderr) = await RunAsync(args);
            Assert.True(exit == 0, $"aws {string.Join(' ', args)} exited with {exit}: {stderr}");
            using var document = JsonDocument.Parse(stdout);
            return document.RootElement.Clone();
        }

        public async Task<string> FailAsync(params string[] args)
        {
            var (exit, _, stderr) = await RunAsync(args);
            Assert.True(exit != 0, $"aws {string.Join(' ', args)} was expected to fail");
            return stderr;
        }

        private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args)
        {
            Assert.True(File.Exists(path),
                $"The AWS CLI is not installed at {path}. Install Debian's awscli package (CLI v2, /usr/bin/aws) and AWS CLI v1 (pip install awscli, on PATH via pyenv); these tests check the sandbox's wire format with them.");
            var empty = Path.Combine(sandbox.Folder, "aws-empty-config");
            Directory.CreateDirectory(sandbox.Folder);
            await File.WriteAllTextAsync(empty, "");
            var start = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var name in new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_ENDPOINT_URL" })
            {
                start.Environment.Remove(name);
            }

            start.Environment["AWS_ACCESS_KEY_ID"] = "AKIASANDBOXCLITEST00";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "sandbox-cli-test-secret";
            start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
            start.Environment["AWS_CONFIG_FILE"] = empty;
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = empty;
            start.Environment["AWS_PAGER"] = "";
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            foreach (var arg in new[] { "--endpoint-url", sandbox.Server.BaseUrl.ToString().TrimEnd('/'), "--output", "json", "--no-cli-pager" }.Where(a => path == CliV2 || a != "--no-cli-pager"))
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
