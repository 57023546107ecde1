using System.Net;
using System.Text.RegularExpressions;

namespace EcsConsole.Tests.Web.Access;

/// <summary>Fills in the app's static forms like a browser would: antiforgery token from the page, then the post.</summary>
public static partial class FormPosts
{
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pagePath)
    {
        var html = await client.GetStringAsync(pagePath);
        var match = TokenInput().Match(html);
        if (!match.Success) throw new InvalidOperationException($"{pagePath} has no antiforgery token:\n{html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath, string action, IReadOnlyDictionary<string, string> fields)
    {
        var token = await client.AntiforgeryTokenAsync(pagePath);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string returnUrl = "/")
        => client.PostFormAsync("/account/sign-in", "/auth/sign-in",
            new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl });

    /// <summary>Signs in and fails the test unless the app accepted the password.</summary>
    public static async Task SignInOrFailAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
