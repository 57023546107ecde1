using System.Globalization;
using System.Text;
using EcsConsole.Core.Audit;
using Microsoft.AspNetCore.Mvc;

namespace EcsConsole.Web.Access;

/// <summary>
/// GET /activity/export.csv: the audit trail with the Activity page's filters, streamed as CSV
/// (RFC 4180 quoting). Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
/// </summary>
internal static class ActivityExport
{
    public const string Path = "/activity/export.csv";

    private static readonly string[] Header =
        ["StartedAtUtc", "CompletedAtUtc", "Person", "UserId", "ClientIp", "Action", "Connection", "Region", "Resource", "Parameters", "Reason", "Outcome", "Error"];

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, ExportAsync);

    private static async Task ExportAsync(
        [FromQuery] string? person, [FromQuery] string? action, [FromQuery] string? resource,
        [FromQuery] string? outcome, [FromQuery] string? from, [FromQuery] string? to,
        AuditLog audit, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var filter = ActivityFilter.Parse(person, action, resource, outcome, from, to);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"ecsconsole-activity-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await writer.WriteAsync(Line(Header));
        await foreach (var e in audit.StreamAsync(filter.ToQuery(int.MaxValue), ct))
        {
            await writer.WriteAsync(Line([
                Time(e.StartedAt), e.CompletedAt is { } done ? Time(done) : "", e.UserName, e.UserId, e.ClientIp, e.Action,
                e.Connection, e.Region, e.Resource, e.Parameters, e.Reason, e.Outcome.ToString(), e.Error]));
        }
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
