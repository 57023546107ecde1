using System.Globalization;
using EcsConsole.Core.Aws.Ecs;

namespace EcsConsole.Core.Tasks;

/// <summary>Which task definition revision something runs: its ARN and "family:revision".</summary>
public sealed record TaskDefinitionRef(string Arn, string Family, int? Revision)
{
    public static readonly TaskDefinitionRef None = new("", "", null);

    /// <summary>"web:7", or just the family when the revision is not known.</summary>
    public string FamilyRevision => Revision is { } r ? $"{Family}:{r}" : Family;

    /// <summary>Reads "arn:…:task-definition/web:7" or "web:7" or "web".</summary>
    public static TaskDefinitionRef Parse(string? arnOrName)
    {
        if (string.IsNullOrWhiteSpace(arnOrName)) return None;
        var last = EcsArn.LastSegment(arnOrName);
        var colon = last.LastIndexOf(':');
        return colon > 0 && int.TryParse(last[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? new TaskDefinitionRef(arnOrName, last[..colon], revision)
            : new TaskDefinitionRef(arnOrName, last, null);
    }
}
