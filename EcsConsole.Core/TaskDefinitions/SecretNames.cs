using System.Text.RegularExpressions;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>Environment variables whose names suggest a secret: their values are masked until someone reveals them.</summary>
public static partial class SecretNames
{
    [GeneratedRegex("PASSWORD|PASSWD|PASS$|PWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|AUTH|CERT|SIGNATURE|SALT|DSN|CONNECTION_?STRING|DATABASE_URL", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool LooksSecret(string? name) => !string.IsNullOrEmpty(name) && Pattern().IsMatch(name);

    public const string Mask = "••••••••";
}

/// <summary>Where AWS's own rejection belongs in the wizard, judged from its message.</summary>
public static class AwsRejection
{
    public static TaskDefinitionSection SectionOf(string message)
    {
        var m = message.ToLowerInvariant();
        if (m.Contains("role", StringComparison.Ordinal)) return TaskDefinitionSection.Roles;
        if (m.Contains("log", StringComparison.Ordinal)) return TaskDefinitionSection.Logging;
        if (m.Contains("container", StringComparison.Ordinal) || m.Contains("image", StringComparison.Ordinal)
            || m.Contains("port", StringComparison.Ordinal) || m.Contains("environment", StringComparison.Ordinal)
            || m.Contains("secret", StringComparison.Ordinal) || m.Contains("essential", StringComparison.Ordinal))
        {
            return TaskDefinitionSection.Containers;
        }

        if (m.Contains("cpu", StringComparison.Ordinal) || m.Contains("memory", StringComparison.Ordinal)
            || m.Contains("ephemeral", StringComparison.Ordinal) || m.Contains("platform", StringComparison.Ordinal))
        {
            return TaskDefinitionSection.TaskSize;
        }

        if (m.Contains("family", StringComparison.Ordinal) || m.Contains("tag", StringComparison.Ordinal)) return TaskDefinitionSection.Family;
        return TaskDefinitionSection.Review;
    }
}
