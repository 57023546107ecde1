using System.Globalization;
using EcsConsole.Core.Audit;

namespace EcsConsole.Web.Access;

/// <summary>
/// The Activity page's filters as they appear in its address and in the CSV export's address, so a
/// filtered view can be shared and exported exactly as seen.
/// </summary>
public sealed record ActivityFilter(
    string? Person = null,
    string? Action = null,
    string? Resource = null,
    AuditOutcome? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    public AuditQuery ToQuery(int limit) => new(Blank(Person), Blank(Action), Blank(Resource), Outcome, From, To, limit);

    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{key}={Uri.EscapeDataString(value.Trim())}");
        }

        Add("person", Person);
        Add("action", Action);
        Add("resource", Resource);
        Add("outcome", Outcome?.ToString());
        Add("from", From?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Add("to", To?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static ActivityFilter Parse(string? person, string? action, string? resource, string? outcome, string? from, string? to) => new(
        Blank(person),
        Blank(action),
        Blank(resource),
        Enum.TryParse<AuditOutcome>(outcome, ignoreCase: true, out var o) ? o : null,
        Time(from),
        Time(to));

    private static DateTimeOffset? Time(string? value)
        => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
