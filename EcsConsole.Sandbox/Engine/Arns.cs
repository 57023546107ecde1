namespace EcsConsole.Sandbox.Engine;

/// <summary>ARNs in the formats AWS uses today (the "long" ECS ARN format that carries the cluster name).</summary>
internal sealed record Arns(string Region, string Account)
{
    public string Cluster(string name) => $"arn:aws:ecs:{Region}:{Account}:cluster/{name}";

    public string Service(string cluster, string name) => $"arn:aws:ecs:{Region}:{Account}:service/{cluster}/{name}";

    public string Task(string cluster, string id) => $"arn:aws:ecs:{Region}:{Account}:task/{cluster}/{id}";

    public string Container(string cluster, string taskId) => $"arn:aws:ecs:{Region}:{Account}:container/{cluster}/{taskId}/{Guid.NewGuid()}";

    public string TaskDefinition(string family, int revision) => $"arn:aws:ecs:{Region}:{Account}:task-definition/{family}:{revision}";

    public string Attachment(string id) => $"arn:aws:ecs:{Region}:{Account}:attachment/{id}";

    public string Repository(string name) => $"arn:aws:ecr:{Region}:{Account}:repository/{name}";

    public string RegistryHost => $"{Account}.dkr.ecr.{Region}.amazonaws.com";

    public string LogGroup(string name) => $"arn:aws:logs:{Region}:{Account}:log-group:{name}";

    public string LogStream(string group, string stream) => $"arn:aws:logs:{Region}:{Account}:log-group:{group}:log-stream:{stream}";

    public string ExecutionRole => $"arn:aws:iam::{Account}:role/ecsTaskExecutionRole";

    public string Root => $"arn:aws:iam::{Account}:root";

    /// <summary>The last path segment of an ARN, or the value itself when it is a plain name or id.</summary>
    public static string LastSegment(string value)
    {
        var slash = value.LastIndexOf('/');
        return value.StartsWith("arn:", StringComparison.Ordinal) && slash >= 0 ? value[(slash + 1)..] : value;
    }
}
