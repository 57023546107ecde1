using System.Globalization;

namespace EcsConsole.Sandbox.Protocol;

/// <summary>The parameters of an EC2/STS query-protocol request (form body or query string).</summary>
internal sealed class QueryRequest(IReadOnlyDictionary<string, string> parameters)
{
    public string? this[string name] => parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Values of a flattened list: Name.1, Name.2, …</summary>
    public List<string> List(string name)
    {
        var values = new List<string>();
        for (var i = 1; parameters.TryGetValue($"{name}.{i.ToString(CultureInfo.InvariantCulture)}", out var value); i++)
        {
            values.Add(value);
        }

        return values;
    }

    /// <summary>EC2 filters: Filter.N.Name and Filter.N.Value.M.</summary>
    public List<(string Name, List<string> Values)> Filters()
    {
        var filters = new List<(string, List<string>)>();
        for (var i = 1; parameters.TryGetValue($"Filter.{i.ToString(CultureInfo.InvariantCulture)}.Name", out var name); i++)
        {
            filters.Add((name, List($"Filter.{i.ToString(CultureInfo.InvariantCulture)}.Value")));
        }

        return filters;
    }

    public int? Int(string name)
    {
        var value = this[name];
        if (value is null) return null;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new SandboxApiException("InvalidParameterValue", $"Value ({value}) for parameter {name} is invalid. Expected an integer.");
    }
}
