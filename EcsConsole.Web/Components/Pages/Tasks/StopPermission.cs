using EcsConsole.Core.Access;

namespace EcsConsole.Web.Components.Pages.Tasks;

/// <summary>Why the current person may not stop tasks, or null when they may (the UI mirrors Core's check).</summary>
public static class StopPermission
{
    public static string? Refusal(ConsoleUser? user, ConsolePermission permission = ConsolePermission.StopTasks)
        => user is null ? "Sign in to stop tasks."
            : AccessPolicy.Allows(user.Role, permission) ? null
            : AccessPolicy.Refusal(user.Role, permission);
}
