using Microsoft.Playwright;

namespace EcsConsole.Tests.E2E.Access;

/// <summary>
/// Signs a Playwright page in through the real sign-in form. Every E2E test starts here, usually with
/// the bootstrap admin (Auth:BootstrapAdmin:Email/Password in the app's settings).
/// </summary>
public static class PlaywrightSignIn
{
    /// <summary>Signs in and waits until the page at <paramref name="returnPath"/> is interactive; fails with the form's message otherwise.</summary>
    public static async Task SignInAsync(this IPage page, Uri baseAddress, string email, string password, string returnPath = "/")
    {
        await page.GotoAsync(new Uri(baseAddress, $"account/sign-in?ReturnUrl={Uri.EscapeDataString(returnPath)}").ToString());
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        var outcome = await WaitForOutcomeAsync(page);
        if (outcome is null)
        {
            // A circuit that has not started after this long is not coming (seen once per few hundred
            // page loads on a loaded 2-core machine): a reload starts a new one, as a person would.
            await page.ReloadAsync();
            outcome = await WaitForOutcomeAsync(page)
                ?? throw new TimeoutException($"{page.Url} did not become interactive after sign-in, even after a reload.");
        }

        if (await outcome.GetAttributeAsync("data-testid") == "sign-in-message")
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {await outcome.InnerTextAsync()}");
        }
    }

    private static async Task<IElementHandle?> WaitForOutcomeAsync(IPage page)
    {
        try
        {
            return await page.WaitForSelectorAsync("body[data-interactive=true], [data-testid=sign-in-message]",
                new() { State = WaitForSelectorState.Attached, Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync("**/account/sign-in?signedOut=true");
    }
}
