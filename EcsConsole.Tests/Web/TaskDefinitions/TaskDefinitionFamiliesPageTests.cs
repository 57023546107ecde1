using Bunit;
using EcsConsole.Core.Aws;
using EcsConsole.Tests.Core.TaskDefinitions;
using EcsConsole.Web.Components.Pages.TaskDefinitions;
using EcsConsole.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.TaskDefinitions;

/// <summary>The task-definition families page in each state: listed and searched, empty, and AWS failing then recovering.</summary>
public sealed class TaskDefinitionFamiliesPageTests : BunitContext
{
    private readonly TaskDefinitionTestHost _host = new();

    public TaskDefinitionFamiliesPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_host.Services.GetRequiredService<ConnectionRegistry>());
        Services.AddSingleton(_host.TaskDefinitions);
        Services.AddScoped<ConsoleLocation>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _host.DisposeAsync();
    }

    private IRenderedComponent<TaskDefinitionFamiliesPage> RenderPage()
        => Render<TaskDefinitionFamiliesPage>(p => p.Add(x => x.Conn, "test").Add(x => x.Region, "us-east-1"));

    [Fact]
    public void Families_are_listed_with_links_and_the_search_narrows_them()
    {
        _host.Handler.On("ListTaskDefinitionFamilies", _ => """{"families":["fastapi","worker","fastapi-batch"]}""");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=family]").Count));
        Assert.Equal(["fastapi", "fastapi-batch", "worker"], page.FindAll("[data-testid=family]").Select(f => f.GetAttribute("href")!.Split('/')[^1]));
        Assert.StartsWith("/c/test/us-east-1/task-definitions/", page.Find("[data-testid=family]").GetAttribute("href"));
        Assert.Equal("ACTIVE", _host.Handler.CallsTo("ListTaskDefinitionFamilies").Single().Body["status"]!.GetValue<string>());

        page.Find("input[data-testid=family-search], [data-testid=family-search] input").Input("fastapi");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=family]").Count));
        Assert.Contains("2 of 3 families", page.Markup, StringComparison.Ordinal);

        page.Find("input[data-testid=family-search], [data-testid=family-search] input").Input("nothing-like-it");
        page.WaitForAssertion(() => Assert.Contains("No family matches \"nothing-like-it\".", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void An_account_without_task_definitions_says_what_one_is()
    {
        _host.Handler.On("ListTaskDefinitionFamilies", _ => """{"families":[]}""");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No active task definitions in us-east-1 yet.", page.Find("[data-testid=empty]").TextContent));
        Assert.Contains("Create one with the wizard.", page.Find("[data-testid=empty]").TextContent);
    }

    [Fact]
    public void An_AWS_refusal_is_said_in_a_sentence_and_Retry_loads_again()
    {
        _host.Handler.Fail("ListTaskDefinitionFamilies", "AccessDeniedException", "User is not authorized to perform: ecs:ListTaskDefinitionFamilies");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("AWS refused ListTaskDefinitionFamilies", page.Find("[data-testid=error]").TextContent));
        Assert.Contains("ecs:ListTaskDefinitionFamilies", page.Find("[data-testid=error]").TextContent);

        _host.Handler.On("ListTaskDefinitionFamilies", _ => """{"families":["fastapi"]}""");
        page.Find("[data-testid=error] button").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=family]")));
        Assert.Empty(page.FindAll("[data-testid=error]"));
    }
}
