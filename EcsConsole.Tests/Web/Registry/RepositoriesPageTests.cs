using System.Net;
using Bunit;
using EcsConsole.Core.Access;
using EcsConsole.Web.Components.Pages.Registry;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Web.Registry;

public sealed class RepositoriesPageTests : RegistryPageTest
{
    private IRenderedComponent<RepositoriesPage> RenderPage()
        => Render<RepositoriesPage>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region));

    private void FakeImages()
        => Aws.On("DescribeImages", body => body["repositoryName"]!.GetValue<string>() == "team/api"
            ? """{"imageDetails":[{"imageDigest":"sha256:aa","imagePushedAt":1767225600},{"imageDigest":"sha256:bb","imagePushedAt":1767312000}]}"""
            : """{"imageDetails":[]}""");

    [Fact]
    public void Shows_loading_until_AWS_answers_then_the_empty_state()
    {
        var answer = Aws.Hold("DescribeRepositories");
        var cut = RenderPage();

        Assert.Contains("Loading repositories", cut.Find("[data-testid=loading]").TextContent, StringComparison.Ordinal);

        answer.SetResult("""{"repositories":[]}""");
        cut.WaitForAssertion(() => Assert.Contains("There are no repositories in eu-west-1 yet",
            cut.Find("[data-testid=empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_repositories_with_uri_settings_image_count_and_last_push()
    {
        Aws.On("DescribeRepositories", $$"""{"repositories":[{{Repository("team/api", "IMMUTABLE")}},{{Repository("web")}}]}""");
        FakeImages();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(["2", "0"], cut.FindAll("[data-testid=image-count]").Select(e => e.TextContent.Trim())));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        var api = rows[0];
        Assert.Equal("team/api", api.QuerySelector("[data-testid=repository-link]")!.TextContent);
        Assert.EndsWith("/c/test/eu-west-1/repositories/team/api", api.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains($"{Host}/team/api", api.TextContent, StringComparison.Ordinal);
        Assert.Contains("Immutable", api.TextContent, StringComparison.Ordinal);
        Assert.Contains("On", api.QuerySelector("[data-label='Scan on push']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-01-02", api.QuerySelector("[data-label='Last push']")!.TextContent.Trim());
        Assert.Equal("never", rows[1].QuerySelector("[data-label='Last push']")!.TextContent.Trim());
    }

    [Fact]
    public void Search_keeps_the_repositories_whose_name_matches()
    {
        Aws.On("DescribeRepositories", $$"""{"repositories":[{{Repository("team/api")}},{{Repository("web")}}]}""");
        FakeImages();
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=repositories-table]");

        cut.Find("input[data-testid=repository-search]").Input("API");

        cut.WaitForAssertion(() => Assert.Equal(["team/api"], cut.FindAll("[data-testid=repository-link]").Select(e => e.TextContent)));
    }

    [Fact]
    public void An_AWS_error_is_a_sentence_with_retry()
    {
        Aws.Fail("DescribeRepositories", HttpStatusCode.BadRequest, "AccessDeniedException", "User is not authorized to perform: ecr:DescribeRepositories");
        var cut = RenderPage();

        var alert = cut.WaitForElement("[data-testid=error-alert]");
        Assert.Contains("AWS refused DescribeRepositories: the credentials in use are not allowed to do this.", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", alert.TextContent, StringComparison.Ordinal);

        Aws.On("DescribeRepositories", $$"""{"repositories":[{{Repository("web")}}]}""");
        FakeImages();
        cut.FindAll("[data-testid=error-alert] button").Single(b => b.TextContent.Contains("Retry", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=repository-link]")));
    }

    [Fact]
    public void A_viewer_sees_create_disabled()
    {
        SignIn(ConsoleRole.Viewer);
        Aws.On("DescribeRepositories", """{"repositories":[]}""");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=create-repository]").HasAttribute("disabled")));
    }

    [Fact]
    public void Create_dialog_shows_an_invalid_name_at_the_field_without_calling_AWS()
    {
        Aws.On("DescribeRepositories", """{"repositories":[]}""");
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=empty]");

        cut.Find("[data-testid=create-repository]").Click();
        Providers.WaitForElement("input[data-testid=repository-name]").Input("Team//API");
        Providers.Find("[data-testid=create-repository-submit]").Click();

        Providers.WaitForAssertion(() => Assert.Contains("A repository name must be lowercase.",
            Providers.Find("[data-testid=create-repository-dialog] .mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("CreateRepository", Aws.Operations);
    }

    [Fact]
    public void Create_dialog_shows_AWS_refusal_at_the_field()
    {
        Aws.On("DescribeRepositories", """{"repositories":[]}""")
            .Fail("CreateRepository", HttpStatusCode.BadRequest, "RepositoryAlreadyExistsException", "The repository with name 'web' already exists");
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=empty]");

        cut.Find("[data-testid=create-repository]").Click();
        Providers.WaitForElement("input[data-testid=repository-name]").Input("web");
        Providers.Find("[data-testid=create-repository-submit]").Click();

        Providers.WaitForAssertion(() => Assert.Contains("A repository named 'web' already exists in this registry; choose another name.",
            Providers.Find("[data-testid=create-repository-dialog] .mud-input-error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Creating_a_repository_opens_its_page()
    {
        Aws.On("DescribeRepositories", """{"repositories":[]}""")
            .On("CreateRepository", body => $$"""{"repository":{{Repository(body["repositoryName"]!.GetValue<string>())}}}""");
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=empty]");

        cut.Find("[data-testid=create-repository]").Click();
        Providers.WaitForElement("input[data-testid=repository-name]").Input("team/new-api");
        Providers.Find("[data-testid=create-repository-submit]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/c/test/eu-west-1/repositories/team/new-api", navigation.Uri, StringComparison.Ordinal));
        Assert.Contains("CreateRepository", Aws.Operations);
    }
}
