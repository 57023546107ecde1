using EcsConsole.Core.Access;

namespace EcsConsole.Web.Access;

/// <summary>Single sign-on with any OpenID Connect provider (section "Auth:Oidc"); off while Authority is empty.</summary>
public sealed class OidcOptions
{
    public const string SectionName = "Auth:Oidc";

    /// <summary>The authentication scheme name, also the callback's path segment.</summary>
    public const string Scheme = "oidc";

    /// <summary>Issuer URL, e.g. https://login.microsoftonline.com/{tenant}/v2.0 or https://cognito-idp.{region}.amazonaws.com/{pool}.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The id_token claim whose values map to roles: "groups", "roles", "cognito:groups"…</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Claim value → console role; the highest mapped role wins.</summary>
    public Dictionary<string, ConsoleRole> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuse sign-in when no claim value maps to a role; when false, such people become Viewers.</summary>
    public bool RequireRoleMapping { get; set; } = true;

    /// <summary>The sign-in button reads "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Only a provider on loopback (tests, a local Keycloak) may be reached over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
