using EcsConsole.Core.Access;
using EcsConsole.Core.Commands;
using EcsConsole.Tests.Web.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Access;

/// <summary>What a viewer and an admin see and do in the browser, and the trail it leaves in Activity.</summary>
public sealed class RoleFlowTests : IAsyncLifetime
{
    private readonly TestConsoleApp _app = new(kestrel: true);
    private Chromium _chromium = null!;

    private static string Shots => Path.Combine(Path.GetTempPath(), "ecsconsole-shots");

    public async ValueTask InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_viewer_sees_the_user_actions_disabled_with_the_reason()
    {
        await _app.CreateAccountAsync("viewer@example.test", ConsoleRole.Viewer, "viewer-password-1");
        var page = await _chromium.Browser.NewPageAsync();
        await page.SignInAsync(_app.ServerAddress, "viewer@example.test", "viewer-password-1", "/users");

        await Assertions.Expect(page.GetByTestId("current-user-role")).ToHaveTextAsync("Viewer");
        await Assertions.Expect(page.GetByTestId("create-user")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("permission-reason"))
            .ToHaveTextAsync("Your role (Viewer) cannot manage users; this needs the Admin role.");
        await Assertions.Expect(page.GetByTestId("user-lock").First).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "users-viewer.png"), FullPage = true });
    }

    [Fact]
    public async Task An_admin_creates_an_operator_who_replaces_the_temporary_password_at_sign_in_and_it_shows_in_Activity()
    {
        var admin = await _chromium.Browser.NewPageAsync();
        await admin.SignInAsync(_app.ServerAddress, TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword, "/users");
        await admin.GetByTestId("new-user-email").FillAsync("new.op@example.test");
        await admin.GetByTestId("new-user-role").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Operator" }).ClickAsync();
        // The choice travels to the server over the circuit; under load it lands after the click returns.
        await Assertions.Expect(admin.GetByRole(AriaRole.Combobox, new() { Name = "Role" })).ToContainTextAsync("Operator");
        await admin.GetByTestId("create-user").ClickAsync();
        var password = await admin.GetByTestId("temporary-password").InnerTextAsync();
        var newRow = admin.Locator("[data-testid=user-row][data-email='new.op@example.test']");
        await Assertions.Expect(newRow).ToBeVisibleAsync();
        await Assertions.Expect(newRow.GetByTestId("user-temporary-password")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(Shots, "users-admin.png"), FullPage = true });
        // Closing the password alert leaves the page working (it once ended the circuit).
        await admin.GetByTestId("temporary-password-alert").Locator("button").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("temporary-password-alert")).ToHaveCountAsync(0);
        await newRow.GetByTestId("user-lock").ClickAsync();
        await Assertions.Expect(newRow.GetByTestId("user-status")).ToContainTextAsync("Locked by an admin");
        await newRow.GetByTestId("user-lock").ClickAsync();
        await Assertions.Expect(newRow.GetByTestId("user-status")).Not.ToContainTextAsync("Locked");

        var operatorContext = await _chromium.Browser.NewContextAsync();
        var op = await operatorContext.NewPageAsync();
        await op.GotoAsync(new Uri(_app.ServerAddress, "account/sign-in").ToString());
        await op.FillAsync("#email", "new.op@example.test");
        await op.FillAsync("#password", password);
        await op.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(op.GetByTestId("password-required")).ToBeVisibleAsync();
        await op.FillAsync("#current", password);
        await op.FillAsync("#password", "the operator's own passphrase");
        await op.FillAsync("#confirm", "the operator's own passphrase");
        await op.ClickAsync("[data-testid=change-password]");
        await op.WaitForSelectorAsync("body[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 45_000 });
        await Assertions.Expect(op.GetByTestId("current-user-role")).ToHaveTextAsync("Operator");

        await admin.GotoAsync(new Uri(_app.ServerAddress, "activity").ToString());
        await admin.WaitForSelectorAsync("body[data-interactive=true]");
        await Assertions.Expect(admin.GetByTestId("audit-row").Filter(new() { HasText = "ChangeOwnPassword" })).ToContainTextAsync("new.op@example.test");
        var row = admin.GetByTestId("audit-row").Filter(new() { HasText = "CreateUser" });
        await Assertions.Expect(row).ToContainTextAsync("user:new.op@example.test");
        await Assertions.Expect(row).ToContainTextAsync(TestConsoleApp.AdminEmail);
        await Assertions.Expect(row.GetByTestId("audit-outcome")).ToHaveTextAsync("Succeeded");
    }

    [Fact]
    public async Task A_script_in_an_audited_reason_stays_text_in_the_browser()
    {
        await _app.Services.GetRequiredService<CommandRunner>().RunAsync(
            new CommandRequest(new ConsoleUser("o", "op@example.test", ConsoleRole.Operator), ConsolePermission.StopTasks, "StopTask",
                new AwsTarget("sandbox", "us-east-1"), "arn:task/x", null, "<img src=x onerror=\"document.body.dataset.pwned='1'\"><script>document.body.dataset.pwned='1'</script>"),
            _ => Task.FromResult(0), _ => "ok", TestContext.Current.CancellationToken);
        var page = await _chromium.Browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, d) => dialogs++;
        await page.SignInAsync(_app.ServerAddress, TestConsoleApp.AdminEmail, TestConsoleApp.AdminPassword, "/activity");

        await Assertions.Expect(page.GetByTestId("audit-reason")).ToContainTextAsync("<script>document.body.dataset.pwned='1'</script>");
        Assert.Null(await page.EvaluateAsync<string?>("document.body.dataset.pwned ?? null"));
        Assert.Equal(0, dialogs);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "activity.png"), FullPage = true });
    }
}
