using EcsConsole.Core.Aws;

namespace EcsConsole.Web.Services;

/// <summary>
/// Which connection and region this browser session is looking at. Pages set it from their URL
/// (/c/{connection}/{region}/…) so that every address can be shared; the layout shows it.
/// </summary>
public sealed class ConsoleLocation(ConnectionRegistry connections)
{
    private string? _connection;
    private string? _region;

    public event Action? Changed;

    public AwsConnection Connection => _connection is not null && connections.TryGet(_connection, out var c) ? c : connections.Default;

    public string Region => _region ?? Connection.DefaultRegion;

    /// <summary>Base of every connection-scoped URL, e.g. "/c/sandbox/us-east-1".</summary>
    public string BasePath => PathFor(Connection.Name, Region);

    public static string PathFor(string connection, string region)
        => $"/c/{Uri.EscapeDataString(connection)}/{Uri.EscapeDataString(region)}";

    public void Set(string? connection, string? region)
    {
        var name = connection is not null && connections.TryGet(connection, out var c) ? c.Name : _connection;
        if (name == _connection && region == _region) return;
        _connection = name;
        _region = string.IsNullOrWhiteSpace(region) ? null : region;
        Changed?.Invoke();
    }
}
