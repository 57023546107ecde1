namespace EcsConsole.Web.Components.Pages.Running;

/// <summary>The addresses of the pages the run and service pages lead to.</summary>
public static class ServiceLinks
{
    public static string ServicePage(string basePath, string cluster, string service)
        => $"{basePath}/clusters/{Uri.EscapeDataString(cluster)}/services/{Uri.EscapeDataString(service)}/manage";

    public static string RunPage(string basePath, string? cluster, string? taskDefinition, string? fromTask = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(cluster)) query.Add($"cluster={Uri.EscapeDataString(cluster)}");
        if (!string.IsNullOrWhiteSpace(taskDefinition)) query.Add($"taskDefinition={Uri.EscapeDataString(taskDefinition)}");
        if (!string.IsNullOrWhiteSpace(fromTask)) query.Add($"fromTask={Uri.EscapeDataString(fromTask)}");
        return $"{basePath}/run" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }
}
