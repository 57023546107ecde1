using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Clusters;

namespace EcsConsole.Tests.Core.Clusters;

public sealed class ClusterMapperTests
{
    private static DescribeClustersResponse Wire(string json) => JsonSerializer.Deserialize<DescribeClustersResponse>(json, AwsJson.Options)!;

    [Fact]
    public void ClustersReadWithCountsAndCapacityProviders()
    {
        var clusters = ClusterMapper.ToSummaries(Wire("""
            {"clusters":[
              {"clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/default","clusterName":"default","status":"ACTIVE","runningTasksCount":3,
               "pendingTasksCount":1,"activeServicesCount":2,"capacityProviders":["FARGATE","FARGATE_SPOT"],"tags":[{"key":"team","value":"web"}]},
              {"clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/old","status":"INACTIVE"},
              {"clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/next","clusterName":"next","status":"SUSPENDED"}],
             "failures":[]}
            """).Clusters);

        Assert.Equal(
            new ClusterSummary("default", "arn:aws:ecs:eu-west-1:123456789012:cluster/default", ClusterStatus.Active, 2, 3, 1, clusters[0].CapacityProviders, clusters[0].Tags),
            clusters[0]);
        Assert.Equal(["FARGATE", "FARGATE_SPOT"], clusters[0].CapacityProviders);
        Assert.Equal("web", clusters[0].Tags["team"]);
        Assert.Equal("eu-west-1", clusters[0].Region);
        // A cluster without a name (only an ARN) is named after its ARN; counts AWS left out are 0.
        Assert.Equal(("old", ClusterStatus.Inactive, 0, 0), (clusters[1].Name, clusters[1].Status, clusters[1].RunningTasksCount, clusters[1].ActiveServicesCount));
        Assert.Empty(clusters[1].CapacityProviders);
        Assert.Empty(clusters[1].Tags);
        Assert.Equal(ClusterStatus.Unknown, clusters[2].Status);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"clusters":null,"failures":null}""")]
    public void NoClustersIsAnEmptyList(string json) => Assert.Empty(ClusterMapper.ToSummaries(Wire(json).Clusters));
}
