using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Aws;

/// <summary>The configured connections, by name.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, AwsConnection> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];

    public ConnectionRegistry(IOptions<AwsOptions> options)
        : this(options.Value.Connections.Select(c => new AwsConnection(c)), options.Value.DefaultConnection)
    {
    }

    /// <summary>Connections made elsewhere (tests, tools) with their own credential sources.</summary>
    public static ConnectionRegistry From(IEnumerable<AwsConnection> connections, string? defaultConnection = null)
        => new(connections, defaultConnection);

    // Private so that dependency injection sees exactly one constructor.
    private ConnectionRegistry(IEnumerable<AwsConnection> connections, string? defaultConnection)
    {
        foreach (var connection in connections)
        {
            Add(connection);
        }

        if (_order.Count == 0)
        {
            // Nothing configured: use what the AWS CLI would (environment, default profile, instance role).
            Add(new AwsConnection(new ConnectionOptions { Name = DefaultConnectionName, DisplayName = "AWS (default credentials)" }));
        }

        DefaultName = defaultConnection is { Length: > 0 } d && _connections.ContainsKey(d)
            ? d
            : _order.FirstOrDefault() ?? "";
    }

    /// <summary>Name of the connection made from the default credential chain when none is configured.</summary>
    public const string DefaultConnectionName = "default";

    public string DefaultName { get; }

    public IReadOnlyList<AwsConnection> All => [.. _order.Select(n => _connections[n])];

    public AwsConnection Default => Get(DefaultName);

    public bool TryGet(string name, out AwsConnection connection)
        => _connections.TryGetValue(name, out connection!);

    public AwsConnection Get(string name)
        => _connections.TryGetValue(name, out var c)
            ? c
            : throw new KeyNotFoundException($"There is no connection named '{name}'.");

    private void Add(AwsConnection connection)
    {
        if (!_connections.TryAdd(connection.Name, connection))
        {
            throw new InvalidOperationException($"Two connections are named '{connection.Name}'.");
        }

        _order.Add(connection.Name);
    }
}
