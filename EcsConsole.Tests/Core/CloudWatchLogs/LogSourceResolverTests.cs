using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Logs;

namespace EcsConsole.Tests.Core.CloudWatchLogs;

public sealed class LogSourceResolverTests
{
    private const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/default/5f2c1b0a9d8e4f6a8b7c6d5e4f3a2b1c";

    private static TaskDefinition Definition(params (string Name, LogConfiguration? Log)[] containers) => new()
    {
        Family = "web",
        ContainerDefinitions = [.. containers.Select(c => new ContainerDefinition { Name = c.Name, LogConfiguration = c.Log })],
    };

    private static EcsTask Running(params string[] containers) => new()
    {
        TaskArn = TaskArn,
        LastStatus = "RUNNING",
        StartedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        Containers = [.. containers.Select(n => new Container { Name = n })],
    };

    private static LogConfiguration AwsLogs(string group, string prefix, string? region = null) => new()
    {
        LogDriver = "awslogs",
        Options = region is null
            ? new() { ["awslogs-group"] = group, ["awslogs-stream-prefix"] = prefix }
            : new() { ["awslogs-group"] = group, ["awslogs-stream-prefix"] = prefix, ["awslogs-region"] = region },
    };

    [Fact]
    public void Awslogs_gives_the_group_and_the_prefix_container_task_id_stream_in_its_region()
    {
        var sources = LogSourceResolver.FromTask("default", Running("app", "worker"),
            Definition(("app", AwsLogs("/ecs/web", "ecs")), ("worker", AwsLogs("/ecs/jobs", "jobs", "eu-west-1"))), "us-east-1");

        Assert.Equal("5f2c1b0a9d8e4f6a8b7c6d5e4f3a2b1c", sources.TaskId);
        Assert.False(sources.IsStopped);
        var app = sources.Containers[0];
        Assert.Equal(new LogStreamRef("/ecs/web", "ecs/app/5f2c1b0a9d8e4f6a8b7c6d5e4f3a2b1c", "app"), app.Stream);
        Assert.Equal("us-east-1", app.Region);
        var worker = sources.Containers[1];
        Assert.Equal("jobs/worker/5f2c1b0a9d8e4f6a8b7c6d5e4f3a2b1c", worker.Stream!.Stream);
        Assert.Equal("eu-west-1", worker.Region);
    }

    [Theory]
    [InlineData("awsfirelens", "FireLens")]
    [InlineData("splunk", "Splunk")]
    [InlineData("none", "discards")]
    [InlineData("gelf", "Only the awslogs driver")]
    public void Other_drivers_get_an_explanation_instead_of_a_stream(string driver, string expected)
    {
        var sources = LogSourceResolver.FromTask("default", Running("app"),
            Definition(("app", new LogConfiguration { LogDriver = driver, Options = new() { ["splunk-url"] = "https://splunk.example.com" } })), "us-east-1");

        var app = Assert.Single(sources.Containers);
        Assert.False(app.IsReadable);
        Assert.Null(app.Stream);
        Assert.Contains(expected, app.Explanation, StringComparison.Ordinal);
        Assert.Contains("app", app.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_without_log_configuration_is_explained()
    {
        var sources = LogSourceResolver.FromTask("default", Running("app"), Definition(("app", null)), "us-east-1");

        Assert.Contains("no log configuration", sources.Containers[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Awslogs_without_a_stream_prefix_points_to_browsing_the_group()
    {
        var log = new LogConfiguration { LogDriver = "awslogs", Options = new() { ["awslogs-group"] = "/ecs/web" } };
        var sources = LogSourceResolver.FromTask("default", Running("app"), Definition(("app", log)), "us-east-1");

        Assert.Contains("/ecs/web", sources.Containers[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("stream prefix", sources.Containers[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_task_is_marked_so_its_whole_history_opens()
    {
        var task = Running("app") with { LastStatus = "STOPPED", StoppedAt = new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero) };
        var sources = LogSourceResolver.FromTask("default", task, Definition(("app", AwsLogs("/ecs/web", "ecs"))), "us-east-1");

        Assert.True(sources.IsStopped);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), sources.StartedAt);
    }
}
