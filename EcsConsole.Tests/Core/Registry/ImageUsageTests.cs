using EcsConsole.Core.Registry;

namespace EcsConsole.Tests.Core.Registry;

public sealed class ImageUsageTests
{
    private const string Host = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private const string Uri = Host + "/team/api";
    private const string OldDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string NewDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string LoneDigest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    private static readonly EcrRepository Repository = new("team/api", "arn:aws:ecr:eu-west-1:123456789012:repository/team/api",
        Uri, "123456789012", null, TagMutability.Mutable, false, "AES256", null);

    private static readonly EcrImage Latest = Image(NewDigest, "latest", "v2");
    private static readonly EcrImage Old = Image(OldDigest, "v1");
    private static readonly EcrImage Untagged = Image(LoneDigest);
    private static readonly EcrImage[] Images = [Latest, Old, Untagged];

    private static EcrImage Image(string digest, params string[] tags)
        => new("team/api", digest, tags, 1000, null, null, ImageScanState.NotScanned, null, null, null);

    private static ImageReferenceUse Definition(string image, string name = "web:3")
        => new(ImageUserKind.TaskDefinition, $"arn:aws:ecs:eu-west-1:123456789012:task-definition/{name}", name, "app", image);

    [Fact]
    public void A_tag_reference_uses_the_image_that_carries_the_tag()
    {
        var usage = ImageUsage.Match(Repository, Images, [Definition($"{Uri}:v1")]);

        Assert.Equal("web:3", Assert.Single(usage.UsersOf(Old)).DisplayName);
        Assert.Empty(usage.UsersOf(Latest));
    }

    [Fact]
    public void A_reference_without_tag_means_latest()
    {
        var usage = ImageUsage.Match(Repository, Images, [Definition(Uri)]);

        Assert.Single(usage.UsersOf(Latest));
        Assert.False(usage.IsUsed(Old));
    }

    [Fact]
    public void A_digest_reference_uses_that_image_even_when_untagged()
    {
        var usage = ImageUsage.Match(Repository, Images, [Definition($"{Uri}@{LoneDigest}"), Definition($"{Uri}:latest@{OldDigest}", "worker:1")]);

        Assert.Equal("web:3", Assert.Single(usage.UsersOf(Untagged)).DisplayName);
        // With both a tag and a digest, the digest is what Docker pulls.
        Assert.Equal("worker:1", Assert.Single(usage.UsersOf(Old)).DisplayName);
        Assert.Empty(usage.UsersOf(Latest));
    }

    [Fact]
    public void A_running_task_counts_for_the_digest_it_pulled_even_after_the_tag_moved()
    {
        var task = new ImageReferenceUse(ImageUserKind.RunningTask, "arn:aws:ecs:eu-west-1:123456789012:task/main/abc", "web:2 (abc)",
            "app", $"{Uri}:latest", OldDigest, "main");

        var usage = ImageUsage.Match(Repository, Images, [task]);

        Assert.Equal(ImageUserKind.RunningTask, Assert.Single(usage.UsersOf(Old)).Kind);
        Assert.False(usage.IsUsed(Latest));
    }

    [Theory]
    [InlineData("999999999999.dkr.ecr.eu-west-1.amazonaws.com/team/api:latest")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:latest")]
    [InlineData("team/api:latest")]
    [InlineData("docker.io/team/api:latest")]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/other/team/api:latest")]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v9")]
    public void References_elsewhere_or_to_missing_tags_use_nothing(string image)
    {
        var usage = ImageUsage.Match(Repository, Images, [Definition(image)]);

        Assert.All(Images, i => Assert.False(usage.IsUsed(i)));
    }

    [Fact]
    public void Registry_host_is_compared_without_case()
    {
        var usage = ImageUsage.Match(Repository, Images, [Definition($"{Host.ToUpperInvariant()}/team/api:v2")]);

        Assert.True(usage.IsUsed(Latest));
    }

    [Theory]
    [InlineData("nginx", null, "nginx", null, null)]
    [InlineData("localhost:5000/app:dev", "localhost:5000", "app", "dev", null)]
    [InlineData("public.ecr.aws/nginx/nginx:1.27", "public.ecr.aws", "nginx/nginx", "1.27", null)]
    [InlineData(Uri + "@" + OldDigest, Host, "team/api", null, OldDigest)]
    [InlineData(Uri + ":v1@" + OldDigest, Host, "team/api", "v1", OldDigest)]
    public void Parses_references_as_Docker_does(string reference, string? host, string path, string? tag, string? digest)
        => Assert.Equal(new ImageReference(host, path, tag, digest), ImageReference.Parse(reference));
}
