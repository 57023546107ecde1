using System.Globalization;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Registry;
using EcsConsole.Core.Tasks;
using EcsConsole.Web.Services;

namespace EcsConsole.Web.Components.Pages.Registry;

/// <summary>How the registry pages write sizes, times, settings and links.</summary>
public static class RegistryFormat
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>Binary units, one decimal, as Docker and the ECR console show image sizes.</summary>
    public static string Size(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    public static string Utc(DateTimeOffset? time)
        => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    /// <summary>"5 minutes ago", "3 days ago"; <paramref name="never"/> when there is no time.</summary>
    public static string Ago(DateTimeOffset? time, DateTimeOffset now, string never = "never")
    {
        if (time is not { } t) return never;
        var span = now - t;
        if (span < TimeSpan.FromMinutes(1)) return "just now";
        if (span < TimeSpan.FromHours(1)) return Plural((int)span.TotalMinutes, "minute");
        if (span < TimeSpan.FromDays(1)) return Plural((int)span.TotalHours, "hour");
        if (span < TimeSpan.FromDays(60)) return Plural((int)span.TotalDays, "day");
        return t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit} ago" : $"{n} {unit}s ago";

    public static string Describe(TagMutability mutability) => mutability switch
    {
        TagMutability.Mutable => "Mutable",
        TagMutability.Immutable => "Immutable",
        TagMutability.MutableWithExclusion => "Mutable (with exclusions)",
        TagMutability.ImmutableWithExclusion => "Immutable (with exclusions)",
        _ => "Unknown",
    };

    public static string Describe(ImageScanState state) => state switch
    {
        ImageScanState.NotScanned => "Not scanned",
        ImageScanState.InProgress => "Scanning",
        ImageScanState.Complete => "Complete",
        ImageScanState.Failed => "Failed",
        ImageScanState.UnsupportedImage => "Unsupported image",
        ImageScanState.Active => "Active (continuous)",
        ImageScanState.Pending => "Pending",
        ImageScanState.ScanEligibilityExpired => "Eligibility expired",
        ImageScanState.FindingsUnavailable => "Findings unavailable",
        ImageScanState.LimitExceeded => "Limit exceeded",
        _ => "Unknown",
    };

    /// <summary>"2 HIGH · 5 LOW", most severe first; "no findings" for a clean scan.</summary>
    public static string Findings(ScanFindingsSummary? findings)
    {
        if (findings is null) return "";
        if (findings.Total == 0) return "no findings";
        string[] order = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED"];
        return string.Join(" · ", findings.SeverityCounts.Where(kv => kv.Value > 0)
            .OrderBy(kv => Array.IndexOf(order, kv.Key) is var i && i < 0 ? order.Length : i)
            .Select(kv => $"{kv.Value} {kv.Key}"));
    }

    public static string RepositoryPath(ConsoleLocation location, string name)
        => $"{location.BasePath}/repositories/{string.Join('/', name.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>Where the console shows a user of an image: the task definition revision or the task.</summary>
    public static string UserPath(ConsoleLocation location, ImageReferenceUse use)
    {
        if (use.Kind == ImageUserKind.TaskDefinition)
        {
            var definition = TaskDefinitionRef.Parse(use.Arn);
            return $"{location.BasePath}/task-definitions/{Uri.EscapeDataString(definition.Family)}/{definition.Revision}";
        }

        return $"{location.BasePath}/clusters/{Uri.EscapeDataString(EcsArn.LastSegment(use.Cluster))}/tasks/{Uri.EscapeDataString(EcsArn.LastSegment(use.Arn))}";
    }
}
