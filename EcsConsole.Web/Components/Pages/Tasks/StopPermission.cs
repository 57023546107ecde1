using EcsConsole.Core.Access;
using EcsConsole.Web.Access;

namespace EcsConsole.Web.Components.Pages.Tasks;

/// <summary>Why the current person may not stop tasks (or do <paramref name="permission"/>), or null when they may.</summary>
public static class StopPermission
{
    public static string? Refusal(ConsoleUser? user, ConsolePermission permission = ConsolePermission.StopTasks)
        => user is null ? "Sign in to stop tasks." : PermissionCheck.For(user, permission).Reason;
}
