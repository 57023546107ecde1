using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsConsole.Core.Aws;

/// <summary>
/// Sends AWS JSON 1.1 requests: serialize once, sign each attempt, retry per standard mode,
/// and turn every failure into an <see cref="AwsServiceException"/>.
/// </summary>
public sealed class AwsJsonTransport(
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    AwsCallMetrics metrics,
    ILogger<AwsJsonTransport>? logger = null)
{
    public const string HttpClientName = "aws";

    private readonly ILogger _logger = logger ?? NullLogger<AwsJsonTransport>.Instance;

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        AwsClientContext context,
        AwsService service,
        string operation,
        TRequest request,
        CancellationToken cancellationToken)
        where TResponse : new()
    {
        // Serialized once so that every retry sends the same bytes (and the same clientToken).
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options);
        var retry = context.RetryPolicy;
        var spent = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await SendOnceAsync<TResponse>(context, service, operation, body, cancellationToken)
                    .ConfigureAwait(false);
                retry.OnSuccess(spent);
                return response;
            }
            catch (AwsServiceException ex) when (ex.IsTransient && attempt < retry.MaxAttempts
                                                  && !cancellationToken.IsCancellationRequested)
            {
                if (!retry.TryAcquire(ex, out var cost))
                {
                    _logger.LogWarning("Retry budget spent; {Service} {Operation} fails with {Code}", service.Name, operation, ex.ErrorCode);
                    throw;
                }

                spent += cost;
                var delay = retry.Backoff(attempt);
                _logger.LogInformation("{Service} {Operation} attempt {Attempt} failed with {Code}; retrying in {Delay} ms",
                    service.Name, operation, attempt, ex.ErrorCode, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller gave up while the attempt failed: report the cancellation, not the failure.
                cancellationToken.ThrowIfCancellationRequested();
                throw;
            }
        }
    }

    private async Task<TResponse> SendOnceAsync<TResponse>(
        AwsClientContext context,
        AwsService service,
        string operation,
        byte[] body,
        CancellationToken cancellationToken)
        where TResponse : new()
    {
        metrics.Record(service.Name, operation);
        var uri = context.Connection.EndpointFor(service, context.Region);
        var credentials = await context.Connection.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = AwsService.JsonContentType,
            ["X-Amz-Target"] = $"{service.TargetPrefix}.{operation}",
        };
        var authorization = SigV4.Sign("POST", uri, headers, body, credentials, context.Region, service.SigningName,
            timeProvider.GetUtcNow().UtcDateTime);

        using var message = new HttpRequestMessage(HttpMethod.Post, uri);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(AwsService.JsonContentType);
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var timeout = new CancellationTokenSource(context.CallTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            byte[] payload;
            try
            {
                var client = httpClientFactory.CreateClient(HttpClientName);
                response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                payload = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Our own timer, or HttpClient.Timeout: either way the caller did not cancel.
                throw new AwsServiceException(service.Name, operation, "RequestTimeout",
                    $"No answer from {uri.Host} within {context.CallTimeout.TotalSeconds:0.#} s.", AwsErrorKind.Timeout, inner: ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new AwsServiceException(service.Name, operation, "NetworkError",
                    $"Could not reach {uri.Host}: {ex.Message}", AwsErrorKind.Network, inner: ex);
            }

            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode)
            {
                throw ParseError(service, operation, response, payload, requestId);
            }

            return Deserialize<TResponse>(service, operation, response.StatusCode, payload, requestId);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static TResponse Deserialize<TResponse>(AwsService service, string operation, HttpStatusCode status, byte[] payload, string? requestId)
        where TResponse : new()
    {
        if (payload.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new TResponse();
        }

        try
        {
            return JsonSerializer.Deserialize<TResponse>(payload, AwsJson.Options) ?? new TResponse();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException
                                       or ArgumentException or OverflowException)
        {
            // A proxy's HTML page, a truncated body or a member of an unexpected type: report, never crash.
            throw new AwsServiceException(service.Name, operation, "MalformedResponse",
                $"The answer could not be read as a {operation} response ({Describe(payload)}): {ex.Message}",
                AwsErrorKind.Unknown, status, requestId, ex);
        }
    }

    internal static AwsServiceException ParseError(AwsService service, string operation, HttpResponseMessage response,
        byte[] payload, string? requestId)
    {
        string? type = null;
        string? message = null;
        try
        {
            if (payload.Length > 0)
            {
                using var doc = JsonDocument.Parse(payload);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in doc.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.String) continue;
                        if (property.NameEquals("__type") || property.NameEquals("code") || property.NameEquals("Code"))
                        {
                            type ??= property.Value.GetString();
                        }
                        else if (property.NameEquals("message") || property.NameEquals("Message") || property.NameEquals("errorMessage"))
                        {
                            message ??= property.Value.GetString();
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not AWS speaking (an HTML page from a proxy or load balancer): say what arrived instead.
            message = $"The endpoint answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} with {Describe(payload, response.Content.Headers.ContentType?.MediaType)} instead of an AWS error.";
        }

        if (type is null && response.Headers.TryGetValues("x-amzn-ErrorType", out var errorTypes))
        {
            type = errorTypes.FirstOrDefault();
        }

        var status = response.StatusCode;
        var code = type is null ? DefaultCode(status) : AwsErrorClassifier.NormalizeCode(type);
        return new AwsServiceException(service.Name, operation, code, message ?? response.ReasonPhrase ?? "",
            AwsErrorClassifier.Classify(code, status), status, requestId);
    }

    /// <summary>A short description of a body that is not what AWS sends, for error sentences.</summary>
    private static string Describe(byte[] payload, string? mediaType = null)
    {
        var text = System.Text.Encoding.UTF8.GetString(payload.AsSpan(0, Math.Min(payload.Length, 2000)));
        var title = System.Text.RegularExpressions.Regex.Match(text, "<title>(.*?)</title>",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);
        var kind = mediaType switch
        {
            not null when mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) => "an HTML page",
            null when text.TrimStart().StartsWith('<') => "an HTML page",
            null => "a non-JSON body",
            _ => $"a {mediaType} body",
        };
        return title.Success
            ? $"{kind} titled \"{title.Groups[1].Value.Trim()}\""
            : $"{kind} of {payload.Length} bytes";
    }

    private static string DefaultCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => "TooManyRequestsException",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        HttpStatusCode.Forbidden => "AccessDenied",
        _ when (int)status >= 500 => "InternalFailure",
        _ => $"Http{(int)status}",
    };
}
