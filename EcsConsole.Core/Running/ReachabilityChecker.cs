using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.Running;

/// <summary>What one GET of a task's address showed.</summary>
public sealed record ReachabilityResult(bool Reachable, int? StatusCode, TimeSpan Elapsed, string Summary, string? BodyStart);

/// <summary>
/// The optional "check" next to a task's address: one GET with a short timeout, so a person learns
/// whether the app answers before sharing the link (closed port, app still starting, wrong port).
/// </summary>
public sealed class ReachabilityChecker(IHttpClientFactory httpClients, ILogger<ReachabilityChecker> logger)
{
    public const string HttpClientName = "reachability";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    public async Task<ReachabilityResult> CheckAsync(Uri address, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var start = body.Length > 200 ? body[..200] + "…" : body;
            var code = (int)response.StatusCode;
            return new ReachabilityResult(true, code, watch.Elapsed,
                $"Answered {code} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms.", start);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ReachabilityResult(false, null, watch.Elapsed,
                $"No answer within {Timeout.TotalSeconds:0} s: the port may be closed in the security group, or the app is still starting.", null);
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation(ex, "Reachability check of {Address} failed", address);
            return new ReachabilityResult(false, null, watch.Elapsed,
                $"Could not connect ({ex.HttpRequestError}): nothing listens there yet, or the security group does not let the port in.", null);
        }
    }
}
