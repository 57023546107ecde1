using EcsConsole.Core.Aws.Ec2;
using EcsConsole.Core.Aws.Ecr;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Logs;
using EcsConsole.Core.Aws.Sts;

namespace EcsConsole.Core.Aws;

/// <summary>The clients of one (connection, region).</summary>
public sealed record AwsClients(
    AwsConnection Connection,
    string Region,
    EcsClient Ecs,
    EcrClient Ecr,
    LogsClient Logs,
    Ec2Gateway Ec2,
    StsGateway Sts);
