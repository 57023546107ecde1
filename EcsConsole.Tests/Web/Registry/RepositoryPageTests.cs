using System.Net;
using Bunit;
using EcsConsole.Web.Components.Pages.Registry;

namespace EcsConsole.Tests.Web.Registry;

public sealed class RepositoryPageTests : RegistryPageTest
{
    private const string Latest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Crash = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private IRenderedComponent<RepositoryPage> RenderPage(string name = "team/api")
        => Render<RepositoryPage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region).Add(x => x.Name, name));

    private void FakeRepository(string images)
    {
        Aws.On("DescribeRepositories", $$"""{"repositories":[{{Repository("team/api")}}]}""")
            .On("DescribeImages", images)
            .On("ListTaskDefinitionFamilies", """{"families":["api"]}""")
            .On("DescribeTaskDefinition", $$$"""
                {"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/api:4","family":"api","revision":4,
                  "containerDefinitions":[{"name":"app","image":"{{{Host}}}/team/api"}]}}
                """)
            .On("ListClusters", """{"clusterArns":[]}""");
    }

    private const string TwoImages = $$$"""
        {"imageDetails":[
          {"imageDigest":"{{{Latest}}}","imageTags":["latest","v2"],"imageSizeInBytes":58312704,"imagePushedAt":1767312000,
           "imageScanStatus":{"status":"COMPLETE"},"imageScanFindingsSummary":{"findingSeverityCounts":{"LOW":3,"CRITICAL":1} } },
          {"imageDigest":"{{{Crash}}}","imageTags":["crash"],"imageSizeInBytes":1536,"imagePushedAt":1767225600}]}
        """;

    [Fact]
    public void Shows_images_with_their_users_and_marks_images_nobody_uses()
    {
        FakeRepository(TwoImages);
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=image-user]")));
        var rows = cut.FindAll("tbody tr");
        var latest = rows.Single(r => r.TextContent.Contains("v2", StringComparison.Ordinal));
        var user = latest.QuerySelector("[data-testid=image-user]")!;
        Assert.Contains("api:4", user.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("/c/test/eu-west-1/task-definitions/api/4", user.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("sha256:111111111111", latest.QuerySelector("[data-testid=image-digest]")!.TextContent);
        Assert.Contains("55.6 MB", latest.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 CRITICAL · 3 LOW", latest.TextContent, StringComparison.Ordinal);
        var crash = rows.Single(r => r.TextContent.Contains("crash", StringComparison.Ordinal));
        Assert.NotNull(crash.QuerySelector("[data-testid=not-used]"));
        Assert.Contains("1.5 KB", crash.TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=delete-repository]").HasAttribute("disabled"));
    }

    [Fact]
    public void Filtering_by_tag_keeps_matching_images()
    {
        FakeRepository(TwoImages);
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=images-table]");

        cut.Find("input[data-testid=tag-filter]").Input("cra");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=image-row]")));
        Assert.Contains("crash", cut.Find("[data-testid=image-row]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_repository_shows_its_push_commands_for_this_uri_and_region()
    {
        FakeRepository("""{"imageDetails":[]}""");
        var cut = RenderPage();

        cut.WaitForElement("[data-testid=images-empty]");
        var commands = cut.FindAll("[data-testid=command-text]").Select(e => e.TextContent).ToList();
        Assert.Equal(
        [
            $"aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin {Host}",
            $"docker build -t {Host}/team/api:latest .",
            $"docker tag api:latest {Host}/team/api:latest",
            $"docker push {Host}/team/api:latest",
        ], commands);
        Assert.Equal(4, cut.FindAll("[data-testid=push-commands] [data-testid=copy-button]").Count);
        Assert.False(cut.Find("[data-testid=delete-repository]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_missing_repository_is_an_error_sentence()
    {
        Aws.Fail("DescribeRepositories", HttpStatusCode.BadRequest, "RepositoryNotFoundException",
            "The repository with name 'team/api' does not exist in the registry with id '123456789012'");
        var cut = RenderPage();

        var alert = cut.WaitForElement("[data-testid=error-alert]");
        Assert.Contains("AWS could not find what DescribeRepositories asked for.", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_loading_while_images_are_read()
    {
        Aws.On("DescribeRepositories", $$"""{"repositories":[{{Repository("team/api")}}]}""");
        var images = Aws.Hold("DescribeImages");
        var cut = RenderPage();

        cut.WaitForElement("[data-testid=images-loading]");
        images.SetResult("""{"imageDetails":[]}""");
        cut.WaitForElement("[data-testid=images-empty]");
    }

    [Fact]
    public void When_ECS_cannot_be_read_the_images_still_show_with_a_warning()
    {
        FakeRepository(TwoImages);
        Aws.Fail("ListTaskDefinitionFamilies", HttpStatusCode.BadRequest, "AccessDeniedException", "not allowed: ecs:ListTaskDefinitionFamilies");
        var cut = RenderPage();

        var warning = cut.WaitForElement("[data-testid=usage-error]");
        Assert.Contains("Could not check which task definitions and tasks use these images.", warning.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=image-row]").Count);
    }
}
