using EcsConsole.Core.Aws;
using EcsConsole.Sandbox.Ecr;
using EcsConsole.Tests.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Registry;

/// <summary>The registry pages in Chromium against the real app with the sandbox account behind it.</summary>
[Collection(E2ECollection.Name)]
public sealed class RegistryFlowTests(ConsoleAppFixture app)
{
    private const string RegistryHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    private Task<IPage> SignedInPageAsync(string path, int width = 1400, ColorScheme scheme = ColorScheme.Light)
        => app.OpenAsync(path, width, 900, scheme);

    private static Task ShotAsync(IPage page, string name) => ConsoleAppFixture.ScreenshotAsync(page, "registry-" + name);

    /// <summary>A new task definition's container step with the ECR picker open on <paramref name="repository"/>; returns the page and the image field.</summary>
    private async Task<(IPage Page, ILocator Image)> OpenEcrPickerAsync(string family, string repository)
    {
        var page = await SignedInPageAsync("/c/sandbox/us-east-1/task-definitions/new");
        await page.Locator("input[data-testid=family], [data-testid=family] input").First.FillAsync(family);
        await page.GetByTestId("wizard-next").ClickAsync();
        var image = page.Locator("input[data-testid=container-image], [data-testid=container-image] input").First;
        await Assertions.Expect(image).ToBeVisibleAsync();
        await page.GetByTestId("ecr-picker-open").ClickAsync();
        await page.Locator(".mud-dialog .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = repository }).First.ClickAsync();
        return (page, image);
    }

    private static ILocator DemoRow(IPage page)
        => page.GetByTestId("repositories-table").Locator("tbody tr").Filter(new() { Has = page.GetByTestId("repository-link").GetByText("fastapi-demo", new() { Exact = true }) });

    [Fact]
    public async Task Admin_creates_a_repository_after_two_refusals_at_the_field_and_sees_its_push_commands()
    {
        var page = await SignedInPageAsync("/c/sandbox/us-east-1/repositories");
        await Assertions.Expect(DemoRow(page).GetByTestId("image-count")).ToHaveTextAsync("2");
        await ShotAsync(page, "repositories-wide-light");

        await page.GetByTestId("create-repository").ClickAsync();
        var name = page.GetByTestId("repository-name");
        await name.FillAsync("Team/API");
        await name.BlurAsync();
        var dialog = page.GetByTestId("create-repository-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("A repository name must be lowercase.");

        await name.FillAsync("fastapi-demo");
        await page.GetByTestId("create-repository-submit").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("A repository named 'fastapi-demo' already exists in this registry; choose another name.");
        await ShotAsync(page, "create-dialog-taken-name");

        await name.FillAsync("team/new-api");
        await page.GetByTestId("create-repository-submit").ClickAsync();

        await page.WaitForURLAsync("**/repositories/team/new-api");
        await Assertions.Expect(page.GetByTestId("repository-uri")).ToHaveTextAsync($"{RegistryHost}/team/new-api");
        await Assertions.Expect(page.GetByTestId("images-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("push-login").GetByTestId("command-text")).ToHaveTextAsync(
            $"aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin {RegistryHost}");
        await Assertions.Expect(page.GetByTestId("push-build").GetByTestId("command-text")).ToHaveTextAsync($"docker build -t {RegistryHost}/team/new-api:latest .");
        await Assertions.Expect(page.GetByTestId("push-push").GetByTestId("command-text")).ToHaveTextAsync($"docker push {RegistryHost}/team/new-api:latest");
        await ShotAsync(page, "new-repository-push-commands");
    }

    [Fact]
    public async Task The_seeded_repository_shows_which_image_the_demo_runs_and_which_nobody_uses()
    {
        var page = await SignedInPageAsync("/c/sandbox/us-east-1/repositories/fastapi-demo");
        var latest = page.GetByTestId("images-table").Locator("tr").Filter(new() { Has = page.GetByTestId("image-tag").GetByText("latest", new() { Exact = true }) });
        var crash = page.GetByTestId("images-table").Locator("tr").Filter(new() { Has = page.GetByTestId("image-tag").GetByText("crash", new() { Exact = true }) });
        await Assertions.Expect(latest.GetByTestId("image-user").First).ToContainTextAsync("fastapi-demo:1");
        await Assertions.Expect(crash.GetByTestId("not-used")).ToBeVisibleAsync();
        await Assertions.Expect(latest).ToContainTextAsync("55.6 MB");
        await ShotAsync(page, "repository-wide-light");

        await page.GetByTestId("tag-filter").FillAsync("cra");
        await Assertions.Expect(page.GetByTestId("image-row")).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData(1400, ColorScheme.Dark, "wide-dark")]
    [InlineData(420, ColorScheme.Light, "narrow-light")]
    [InlineData(420, ColorScheme.Dark, "narrow-dark")]
    public async Task The_pages_render_at_every_width_and_color_scheme(int width, ColorScheme scheme, string name)
    {
        var page = await SignedInPageAsync("/c/sandbox/us-east-1/repositories", width, scheme);
        await Assertions.Expect(DemoRow(page).GetByTestId("image-count")).ToHaveTextAsync("2");
        await ShotAsync(page, $"repositories-{name}");

        await DemoRow(page).GetByTestId("repository-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("image-user").First).ToBeVisibleAsync();
        await page.GetByTestId("push-panel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("push-push")).ToBeVisibleAsync();
        // Only for the picture: the panel's opening animation.
        await page.WaitForTimeoutAsync(600);
        await ShotAsync(page, $"repository-{name}");
    }

    [Fact]
    public async Task The_wizard_image_field_takes_an_image_picked_from_ECR()
    {
        var (page, image) = await OpenEcrPickerAsync("picked-from-ecr", "fastapi-demo");
        await Assertions.Expect(page.GetByTestId("picker-reference")).ToHaveTextAsync($"{RegistryHost}/fastapi-demo:latest");
        await ShotAsync(page, "picker");
        await page.GetByTestId("picker-use").ClickAsync();

        await Assertions.Expect(image).ToHaveValueAsync($"{RegistryHost}/fastapi-demo:latest");
        await Assertions.Expect(page.GetByText("Private ECR image: the task execution role pulls it.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_image_pushed_to_a_new_repository_shows_there_and_is_picked_in_the_wizard()
    {
        var page = await SignedInPageAsync("/c/sandbox/us-east-1/repositories");
        await page.GetByTestId("create-repository").ClickAsync();
        await page.GetByTestId("repository-name").FillAsync("team/pushed-web");
        await page.GetByTestId("create-repository-submit").ClickAsync();
        await page.WaitForURLAsync("**/repositories/team/pushed-web");
        await Assertions.Expect(page.GetByTestId("images-empty")).ToBeVisibleAsync();

        // What `docker push` ends with: PutImage with the image's manifest, here signed by the app's own client.
        const string manifest = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1200,"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":31457280,"digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222"}]}""";
        var ecr = app.Services.GetRequiredService<AwsClientFactory>().For("sandbox", "us-east-1").Ecr;
        await app.Services.GetRequiredService<AwsJsonTransport>().InvokeAsync<PutImageRequest, PutImageResponse>(ecr.Context, AwsService.Ecr, "PutImage",
            new PutImageRequest { RepositoryName = "team/pushed-web", ImageTag = "v1", ImageManifest = manifest }, TestContext.Current.CancellationToken);

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
        var pushed = page.GetByTestId("images-table").Locator("tr").Filter(new() { Has = page.GetByTestId("image-tag").GetByText("v1", new() { Exact = true }) });
        await Assertions.Expect(pushed.GetByTestId("not-used")).ToBeVisibleAsync();
        await Assertions.Expect(pushed).ToContainTextAsync("30.0 MB");

        var (wizard, image) = await OpenEcrPickerAsync("from-pushed-image", "team/pushed-web");
        await Assertions.Expect(wizard.GetByTestId("picker-reference")).ToHaveTextAsync($"{RegistryHost}/team/pushed-web:v1");
        await wizard.GetByTestId("picker-use").ClickAsync();
        await Assertions.Expect(image).ToHaveValueAsync($"{RegistryHost}/team/pushed-web:v1");
    }
}
