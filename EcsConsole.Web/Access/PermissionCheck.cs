using EcsConsole.Core.Access;

namespace EcsConsole.Web.Access;

/// <summary>
/// Whether the signed-in person may do something, and if not, a sentence saying why (for a tooltip
/// next to the disabled button). The UI only mirrors Core's check; CommandRunner enforces it.
/// </summary>
public sealed record PermissionCheck(bool Allowed, string? Reason)
{
    public static PermissionCheck For(ConsoleUser? user, ConsolePermission permission)
    {
        if (user is null) return new PermissionCheck(false, "Sign in to do this.");
        return AccessPolicy.Allows(user.Role, permission)
            ? new PermissionCheck(true, null)
            : new PermissionCheck(false, AccessPolicy.Refusal(user.Role, permission));
    }
}
