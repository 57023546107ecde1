using EcsConsole.Core.Registry;

namespace EcsConsole.Tests.Core.Registry;

public sealed class EcrUrisTests
{
    [Theory]
    [InlineData("123456789012", "eu-west-1", "team/api", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api")]
    [InlineData("123456789012", "us-east-1", "fastapi-demo", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fastapi-demo")]
    [InlineData("123456789012", "cn-north-1", "api", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api")]
    [InlineData("123456789012", "cn-northwest-1", "api", "123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn/api")]
    [InlineData("123456789012", "us-gov-west-1", "api", "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/api")]
    public void Repository_uri_follows_the_region_and_partition(string account, string region, string name, string expected)
        => Assert.Equal(expected, EcrUris.RepositoryUri(account, region, name));

    [Fact]
    public void Push_commands_are_the_ones_the_AWS_console_shows()
    {
        var commands = PushCommands.For("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api", "cn-north-1", "api");

        Assert.Equal("aws ecr get-login-password --region cn-north-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", commands.Login);
        Assert.Equal("docker build -t 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:latest .", commands.Build);
        Assert.Equal("docker tag api:latest 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:latest", commands.Tag);
        Assert.Equal("docker push 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:latest", commands.Push);
        Assert.Equal("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:latest", commands.ImageReference);
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "sha256:0123456789ab")]
    [InlineData("sha256:abc", "sha256:abc")]
    public void Short_digest_keeps_the_algorithm_and_twelve_hex_digits(string digest, string expected)
        => Assert.Equal(expected, EcrUris.ShortDigest(digest));
}
