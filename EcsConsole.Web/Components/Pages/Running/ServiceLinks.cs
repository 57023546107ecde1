namespace EcsConsole.Web.Components.Pages.Running;

/// <summary>The addresses of the pages the run and service actions lead to (the live pages' routes).</summary>
public static class ServiceLinks
{
    public static string ClusterPage(string basePath, string cluster, string? tab = null)
        => $"{basePath}/clusters/{Uri.EscapeDataString(cluster)}" + (tab is null ? "" : $"?tab={tab}");

    public static string ServicePage(string basePath, string cluster, string service)
        => $"{ClusterPage(basePath, cluster)}/services/{Uri.EscapeDataString(service)}";

    public static string TaskPage(string basePath, string cluster, string taskId)
        => $"{ClusterPage(basePath, cluster)}/tasks/{Uri.EscapeDataString(taskId)}";

    public static string CreateServicePage(string basePath, string? cluster)
        => $"{basePath}/services/new" + (string.IsNullOrWhiteSpace(cluster) ? "" : $"?cluster={Uri.EscapeDataString(cluster)}");

    public static string RunPage(string basePath, string? cluster, string? taskDefinition, string? fromTask = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(cluster)) query.Add($"cluster={Uri.EscapeDataString(cluster)}");
        if (!string.IsNullOrWhiteSpace(taskDefinition)) query.Add($"taskDefinition={Uri.EscapeDataString(taskDefinition)}");
        if (!string.IsNullOrWhiteSpace(fromTask)) query.Add($"fromTask={Uri.EscapeDataString(fromTask)}");
        return $"{basePath}/run" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }
}
