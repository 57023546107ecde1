namespace EcsConsole.Web.Access;

/// <summary>Claims the console adds to a signed-in principal.</summary>
public static class ConsoleClaims
{
    /// <summary>When the person signed in (UTC ticks); the absolute session limit counts from it.</summary>
    public const string SignedInAt = "ecsconsole:signed_in_at";

    /// <summary>"local" (Identity account) or "oidc" (single sign-on, no local account).</summary>
    public const string Source = "ecsconsole:source";

    public const string LocalSource = "local";

    public const string OidcSource = "oidc";
}
