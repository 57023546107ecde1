namespace EcsConsole.Core.Aws;

/// <summary>How to reach and sign for one AWS JSON 1.1 service.</summary>
public sealed record AwsService(string Name, string EndpointPrefix, string SigningName, string TargetPrefix)
{
    public static readonly AwsService Ecs = new("ECS", "ecs", "ecs", "AmazonEC2ContainerServiceV20141113");
    public static readonly AwsService Ecr = new("ECR", "api.ecr", "ecr", "AmazonEC2ContainerRegistry_V20150921");
    public static readonly AwsService Logs = new("CloudWatch Logs", "logs", "logs", "Logs_20140328");

    public const string JsonContentType = "application/x-amz-json-1.1";
}
