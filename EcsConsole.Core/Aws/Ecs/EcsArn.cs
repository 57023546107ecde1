using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.Aws.Ecs;

/// <summary>Small readings of ECS ARNs and tag lists that every ECS mapper needs.</summary>
public static class EcsArn
{
    /// <summary>The last path segment: "arn:aws:ecs:r:a:task/cluster/0b69…" → "0b69…"; a bare name stays as it is.</summary>
    public static string LastSegment(string? arn)
    {
        if (string.IsNullOrEmpty(arn)) return "";
        var slash = arn.LastIndexOf('/');
        return slash >= 0 ? arn[(slash + 1)..] : arn;
    }

    /// <summary>The region and account of an ARN (fields 4 and 5), empty when it is not an ARN.</summary>
    public static (string Region, string Account) RegionAndAccount(string? arn)
    {
        var parts = (arn ?? "").Split(':');
        return parts.Length >= 6 && parts[0] == "arn" ? (parts[3], parts[4]) : ("", "");
    }

    public static IReadOnlyDictionary<string, string> Tags(IEnumerable<Tag>? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            if (!string.IsNullOrEmpty(tag?.Key)) result[tag.Key] = tag.Value ?? "";
        }

        return result;
    }
}
