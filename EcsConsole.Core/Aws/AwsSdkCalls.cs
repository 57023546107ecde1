using System.Net;
using Amazon.Runtime;

namespace EcsConsole.Core.Aws;

/// <summary>
/// Runs a call made through an official AWSSDK client (EC2, STS) so that it fails the same way as
/// the JSON 1.1 clients: an <see cref="AwsServiceException"/> with a kind, or the caller's cancellation.
/// </summary>
public static class AwsSdkCalls
{
    public static async Task<T> RunAsync<T>(
        AwsCallMetrics metrics, string service, string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        metrics.Record(service, operation);
        try
        {
            return await call(ct).ConfigureAwait(false);
        }
        catch (AwsServiceException)
        {
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Translate(service, operation, ex) is { } translated)
        {
            throw translated;
        }
    }

    internal static AwsServiceException? Translate(string service, string operation, Exception ex)
    {
        if (ex is OperationCanceledException or TimeoutException || ex.InnerException is TimeoutException)
        {
            return new AwsServiceException(service, operation, "RequestTimeout", "No answer in time.", AwsErrorKind.Timeout, inner: ex);
        }

        if (IsNetwork(ex))
        {
            return new AwsServiceException(service, operation, "NetworkError", Innermost(ex).Message, AwsErrorKind.Network, inner: ex);
        }

        return ex switch
        {
            AmazonServiceException aws when !string.IsNullOrEmpty(aws.ErrorCode) => new AwsServiceException(
                service, operation, aws.ErrorCode, aws.Message, AwsErrorClassifier.Classify(aws.ErrorCode, StatusOrNull(aws.StatusCode)),
                StatusOrNull(aws.StatusCode), aws.RequestId, aws),
            AmazonServiceException aws => new AwsServiceException(
                service, operation, $"Http{(int)aws.StatusCode}", aws.Message, AwsErrorClassifier.Classify("", StatusOrNull(aws.StatusCode)),
                StatusOrNull(aws.StatusCode), aws.RequestId, aws),
            // The SDK could not read the answer (an HTML page, broken XML) or had no credentials.
            AmazonClientException or System.Xml.XmlException or FormatException or InvalidOperationException => new AwsServiceException(
                service, operation, "ClientError", ex.Message, AwsErrorKind.Unknown, inner: ex),
            _ => null,
        };
    }

    private static HttpStatusCode? StatusOrNull(HttpStatusCode status) => status == 0 ? null : status;

    private static bool IsNetwork(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or System.Net.Sockets.SocketException) return true;
        }

        return false;
    }

    private static Exception Innermost(Exception ex)
    {
        var e = ex;
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
