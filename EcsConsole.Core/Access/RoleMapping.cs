namespace EcsConsole.Core.Access;

/// <summary>Maps an identity provider's group or role claim values to a console role.</summary>
public static class RoleMapping
{
    /// <summary>The highest role any value maps to (case-insensitive), or null when none maps.</summary>
    public static ConsoleRole? Map(IEnumerable<string> claimValues, IReadOnlyDictionary<string, ConsoleRole> map)
    {
        var lookup = new Dictionary<string, ConsoleRole>(map, StringComparer.OrdinalIgnoreCase);
        ConsoleRole? best = null;
        foreach (var value in claimValues)
        {
            if (lookup.TryGetValue(value.Trim(), out var role) && (best is null || role > best)) best = role;
        }

        return best;
    }
}
