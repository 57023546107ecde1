using EcsConsole.Tests.Web.Access;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Access;

public sealed class SignInFlowTests : IAsyncLifetime
{
    private readonly TestConsoleApp _app = new(kestrel: true);
    private Chromium _chromium = null!;

    public async ValueTask InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_admin_signs_in_sees_who_they_are_and_signs_out_without_any_content_security_policy_violation()
    {
        var page = await _chromium.Browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") problems.Add(message.Text);
        };
        page.PageError += (_, error) => problems.Add(error);

        await page.SignInAsync(_app.ServerAddress, TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword);

        await Assertions.Expect(page.GetByTestId("current-user-name")).ToHaveTextAsync(TestConsoleApp.AdminEmail);
        await Assertions.Expect(page.GetByTestId("current-user-role")).ToHaveTextAsync("Admin");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "ecsconsole-shots", "signed-in.png") });
        await page.SignOutAsync();
        await Assertions.Expect(page.GetByTestId("sign-in-message")).ToHaveTextAsync("You have signed out.");
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(problems);
    }
}
