using Bunit;
using EcsConsole.Web.Components.Pages.Registry;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EcsConsole.Tests.Web.Registry;

public sealed class EcrImagePickerTests : RegistryPageTest
{
    private const string Digest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    private void FakeRegistry()
        => Aws.On("DescribeRepositories", $$"""{"repositories":[{{Repository("fastapi-demo")}}]}""")
            .On("DescribeImages", $$"""
                {"imageDetails":[{"imageDigest":"{{Digest}}","imageTags":["v3","latest"],"imagePushedAt":1767312000},
                                 {"imageDigest":"sha256:44","imageTags":["old"],"imagePushedAt":1767225600}]}
                """);

    private async Task<(IDialogReference Dialog, Task<DialogResult?> Result)> OpenAsync(string? current = null)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<EcrImagePickerDialog>
        {
            { d => d.Conn, Conn },
            { d => d.Region, Region },
            { d => d.Current, current },
        };
        var dialog = await Providers.InvokeAsync(() => dialogs.ShowAsync<EcrImagePickerDialog>("Pick", parameters));
        return (dialog, dialog.Result);
    }

    [Fact]
    public async Task Picks_the_latest_tag_of_the_only_repository_by_default()
    {
        FakeRegistry();
        var (_, result) = await OpenAsync();

        Providers.WaitForAssertion(() => Assert.Equal($"{Host}/fastapi-demo:latest", Providers.Find("[data-testid=picker-reference]").TextContent));
        Providers.Find("[data-testid=picker-use]").Click();

        Assert.Equal($"{Host}/fastapi-demo:latest", (await result)!.Data);
    }

    [Fact]
    public async Task A_digest_reference_in_the_field_is_preselected_as_a_pinned_digest()
    {
        FakeRegistry();
        var (_, result) = await OpenAsync($"{Host}/fastapi-demo@{Digest}");

        Providers.WaitForAssertion(() => Assert.Equal($"{Host}/fastapi-demo@{Digest}", Providers.Find("[data-testid=picker-reference]").TextContent));
        Providers.Find("[data-testid=picker-use]").Click();

        Assert.Equal($"{Host}/fastapi-demo@{Digest}", (await result)!.Data);
    }

    [Fact]
    public async Task Without_repositories_it_says_what_to_do_and_offers_nothing_to_use()
    {
        Aws.On("DescribeRepositories", """{"repositories":[]}""");
        await OpenAsync();

        Providers.WaitForElement("[data-testid=picker-empty]");
        Assert.True(Providers.Find("[data-testid=picker-use]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_button_hands_the_picked_reference_to_the_field()
    {
        FakeRegistry();
        string? picked = null;
        var button = Render<EcrImagePickerButton>(p => p.Add(x => x.Conn, Conn).Add(x => x.Region, Region)
            .Add(x => x.Current, $"{Host}/fastapi-demo:old")
            .Add(x => x.Picked, (string value) => picked = value));

        button.Find("[data-testid=ecr-picker-open]").Click();
        Providers.WaitForAssertion(() => Assert.Equal($"{Host}/fastapi-demo:old", Providers.Find("[data-testid=picker-reference]").TextContent));
        Providers.Find("[data-testid=picker-use]").Click();

        button.WaitForAssertion(() => Assert.Equal($"{Host}/fastapi-demo:old", picked));
    }
}
