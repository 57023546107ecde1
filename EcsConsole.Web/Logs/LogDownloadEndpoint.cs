using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Logs;
using Microsoft.Extensions.Primitives;

namespace EcsConsole.Web.Logs;

/// <summary>
/// Streams a time range of logs from CloudWatch to the browser as text or JSON lines, page by
/// page: the file is not limited to what a viewer holds and the server keeps one page at a time.
/// </summary>
public static class LogDownloadEndpoint
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task HandleAsync(HttpContext http, string conn, string region, ConnectionRegistry connections,
        LogRangeReader reader, TimeProvider clock, ILoggerFactory loggers)
    {
        var q = http.Request.Query;
        var group = q["group"].ToString();
        var format = q["format"].ToString() is { Length: > 0 } f ? f : "text";
        if (!connections.TryGet(conn, out _))
        {
            await RefuseAsync(http, StatusCodes.Status404NotFound, $"There is no connection named {conn}.");
            return;
        }

        if (string.IsNullOrWhiteSpace(group))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "Say which log group to download (group=…).");
            return;
        }

        if (format is not ("text" or "jsonl"))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "The format must be text or jsonl.");
            return;
        }

        if (!TryTime(q["start"], out var start) || !TryTime(q["end"], out var end))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "start and end must be times in epoch milliseconds.");
            return;
        }

        end ??= clock.GetUtcNow();
        if (start > end)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "The range starts after it ends.");
            return;
        }

        var logsRegion = q["logRegion"].ToString() is { Length: > 0 } lr ? lr : region;
        var key = new LogTailKey(conn, logsRegion, group, q["stream"].Where(s => s is not null)!, q["filter"].ToString());
        var range = new LogTimeRange(start, end);
        var ct = http.RequestAborted;
        await using var pages = reader.ReadAsync(key, range, ct).GetAsyncEnumerator(ct);

        // Read the first page before any header goes out, so that an AWS error can still be a clear 502.
        bool any;
        try
        {
            any = await pages.MoveNextAsync();
        }
        catch (AwsServiceException ex)
        {
            await RefuseAsync(http, StatusCodes.Status502BadGateway, ex.UserMessage);
            return;
        }

        var name = $"{Sanitize(group)}-{end.Value.UtcDateTime:yyyyMMdd-HHmmss}.{(format == "jsonl" ? "jsonl" : "log")}";
        http.Response.ContentType = format == "jsonl" ? "application/x-ndjson; charset=utf-8" : "text/plain; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        var withStream = key.Streams.Count != 1;
        var sb = new StringBuilder();
        try
        {
            while (any)
            {
                sb.Clear();
                foreach (var line in pages.Current)
                {
                    if (format == "jsonl")
                    {
                        sb.Append(JsonSerializer.Serialize(new
                        {
                            timestamp = line.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                            ingestionTime = line.IngestionTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                            stream = line.Stream,
                            message = line.Message,
                        }, Json)).Append('\n');
                    }
                    else
                    {
                        sb.Append(line.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(' ');
                        if (withStream) sb.Append('[').Append(line.Stream).Append("] ");
                        sb.Append(AnsiText.Strip(line.Message).TrimEnd('\n', '\r')).Append('\n');
                    }
                }

                await http.Response.WriteAsync(sb.ToString(), ct);
                any = await pages.MoveNextAsync();
            }
        }
        catch (AwsServiceException ex)
        {
            // Headers are gone already: say so at the end of the file rather than cutting it silently.
            loggers.CreateLogger(typeof(LogDownloadEndpoint)).LogWarning(ex, "Download of {Key} stopped part-way", key);
            await http.Response.WriteAsync($"\n# Download stopped early: {ex.UserMessage}\n", CancellationToken.None);
        }
    }

    private static bool TryTime(StringValues value, out DateTimeOffset? time)
    {
        time = null;
        if (StringValues.IsNullOrEmpty(value)) return true;
        if (!long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return false;
        time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    private static string Sanitize(string group)
    {
        var s = new string([.. group.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return s.Length == 0 ? "logs" : s;
    }

    private static async Task RefuseAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}
