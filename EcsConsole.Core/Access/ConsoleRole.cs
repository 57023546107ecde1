namespace EcsConsole.Core.Access;

/// <summary>What a person may do in the console; each role includes the ones below it.</summary>
public enum ConsoleRole
{
    /// <summary>Sees everything (secret-looking values stay masked).</summary>
    Viewer = 0,

    /// <summary>Also runs and stops tasks, scales and parks services, sets auto-stop timers.</summary>
    Operator = 1,

    /// <summary>Also registers task definitions, creates and deletes services and repositories, manages users and connections.</summary>
    Admin = 2,
}

/// <summary>Every action the console can take that changes something.</summary>
public enum ConsolePermission
{
    RunTasks,
    StopTasks,
    ScaleServices,
    SetTimers,
    RegisterTaskDefinitions,
    DeregisterTaskDefinitions,
    ManageServices,
    ManageRepositories,
    ManageUsers,
    ManageConnections,

    /// <summary>Every signed-in person with a local account may change their own password.</summary>
    ChangeOwnPassword,
}

/// <summary>The one table of who may do what. Core's command services check it; the UI only mirrors it.</summary>
public static class AccessPolicy
{
    public static ConsoleRole RequiredRole(ConsolePermission permission) => permission switch
    {
        ConsolePermission.RunTasks or ConsolePermission.StopTasks or ConsolePermission.ScaleServices
            or ConsolePermission.SetTimers => ConsoleRole.Operator,
        ConsolePermission.ChangeOwnPassword => ConsoleRole.Viewer,
        _ => ConsoleRole.Admin,
    };

    public static bool Allows(ConsoleRole role, ConsolePermission permission) => role >= RequiredRole(permission);

    /// <summary>A phrase for messages: "stop tasks", "register task definitions".</summary>
    public static string Describe(ConsolePermission permission) => permission switch
    {
        ConsolePermission.RunTasks => "run tasks",
        ConsolePermission.StopTasks => "stop tasks",
        ConsolePermission.ScaleServices => "scale or park services",
        ConsolePermission.SetTimers => "set auto-stop timers",
        ConsolePermission.RegisterTaskDefinitions => "register task definitions",
        ConsolePermission.DeregisterTaskDefinitions => "deregister or delete task definitions",
        ConsolePermission.ManageServices => "create or delete services",
        ConsolePermission.ManageRepositories => "create or delete repositories",
        ConsolePermission.ManageUsers => "manage users",
        ConsolePermission.ManageConnections => "manage connections",
        ConsolePermission.ChangeOwnPassword => "change their own password",
        _ => permission.ToString(),
    };

    /// <summary>Why a role cannot do something, for a tooltip or a refusal.</summary>
    public static string Refusal(ConsoleRole role, ConsolePermission permission)
        => $"Your role ({role}) cannot {Describe(permission)}; this needs the {RequiredRole(permission)} role.";
}
