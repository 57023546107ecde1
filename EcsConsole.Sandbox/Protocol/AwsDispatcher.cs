using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EcsConsole.Core.Aws;
using EcsConsole.Sandbox.Ec2;
using EcsConsole.Sandbox.Faults;
using EcsConsole.Sandbox.Sts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Sandbox.Protocol;

/// <summary>
/// Routes a request the way AWS's front ends do: X-Amz-Target picks an AWS JSON 1.1 service and
/// operation; otherwise the form's Action is an EC2 or STS query call, the service named by the
/// SigV4 credential scope. The region always comes from the scope.
/// </summary>
internal sealed partial class AwsDispatcher(
    IReadOnlyList<IJsonService> jsonServices,
    Ec2Api ec2,
    StsApi sts,
    SandboxFaults faults,
    TimeProvider time,
    ILogger logger)
{
    [GeneratedRegex(@"^AWS4-HMAC-SHA256\s+Credential=(?<key>[^/\s,]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request,\s*SignedHeaders=(?<headers>[a-z0-9;-]+),\s*Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex Authorization();

    private sealed record Scope(string AccessKey, string Region, string Service);

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            await HandleJsonAsync(context, target, body, requestId).ConfigureAwait(false);
            return;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in QueryHelpers.ParseQuery(context.Request.QueryString.Value)) parameters[key] = value.ToString();
        if (context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))) parameters[key] = value.ToString();
        }

        if (!parameters.TryGetValue("Action", out var action))
        {
            await WriteIndexAsync(context).ConfigureAwait(false);
            return;
        }

        await HandleQueryAsync(context, action, new QueryRequest(parameters), requestId).ConfigureAwait(false);
    }

    private async Task HandleJsonAsync(HttpContext context, string target, byte[] body, string requestId)
    {
        var dot = target.LastIndexOf('.');
        var prefix = dot > 0 ? target[..dot] : target;
        var operation = dot > 0 ? target[(dot + 1)..] : "";
        var service = jsonServices.FirstOrDefault(s => s.TargetPrefix == prefix);
        try
        {
            if (service is null)
            {
                throw new SandboxApiException("UnknownOperationException", $"The sandbox does not serve X-Amz-Target '{target}'.");
            }

            var scope = CheckSignature(context.Request, json: true);
            await InjectFaultsAsync(service.Name, operation, service.ThrottlingCode, service.ServerErrorCode, context.RequestAborted).ConfigureAwait(false);
            var result = service.Invoke(operation, body, scope.Region);
            context.Response.ContentType = AwsService.JsonContentType;
            await context.Response.WriteAsync(JsonSerializer.Serialize(result, result.GetType(), AwsJson.Options), context.RequestAborted).ConfigureAwait(false);
        }
        catch (SandboxApiException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
            context.Response.ContentType = AwsService.JsonContentType;
            context.Response.Headers["x-amzn-ErrorType"] = ex.Code;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = ex.Code, ["message"] = ex.Message }),
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Sandbox {Target} failed", target);
            context.Response.StatusCode = 500;
            context.Response.ContentType = AwsService.JsonContentType;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["__type"] = service?.ServerErrorCode ?? "InternalFailure",
                ["message"] = "The sandbox failed to process the request: " + ex.Message,
            }), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task HandleQueryAsync(HttpContext context, string action, QueryRequest query, string requestId)
    {
        var service = "ec2";
        try
        {
            var scope = CheckSignature(context.Request, json: false);
            service = scope.Service;
            XElement result;
            if (service == "sts")
            {
                await InjectFaultsAsync("sts", action, "Throttling", "InternalFailure", context.RequestAborted).ConfigureAwait(false);
                result = sts.Invoke(action, scope.AccessKey, requestId);
            }
            else if (service == "ec2")
            {
                await InjectFaultsAsync("ec2", action, "RequestLimitExceeded", "InternalError", context.RequestAborted).ConfigureAwait(false);
                result = ec2.Invoke(action, query, scope.Region, requestId);
            }
            else
            {
                throw new SandboxApiException("InvalidAction", $"The sandbox does not serve the query-protocol service '{service}'.");
            }

            context.Response.ContentType = "text/xml;charset=UTF-8";
            await context.Response.WriteAsync(new XDocument(new XDeclaration("1.0", "UTF-8", null), result).Declaration + result.ToString(SaveOptions.DisableFormatting),
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var api = ex as SandboxApiException;
            if (api is null) logger.LogError(ex, "Sandbox {Service} {Action} failed", service, action);
            var code = api?.Code ?? (service == "sts" ? "InternalFailure" : "InternalError");
            var message = api?.Message ?? "The sandbox failed to process the request: " + ex.Message;
            context.Response.StatusCode = api?.StatusCode ?? 500;
            context.Response.ContentType = "text/xml;charset=UTF-8";
            XElement error = service == "sts"
                ? new XElement(StsApi.Ns + "ErrorResponse",
                    new XElement(StsApi.Ns + "Error",
                        new XElement(StsApi.Ns + "Type", context.Response.StatusCode >= 500 ? "Receiver" : "Sender"),
                        new XElement(StsApi.Ns + "Code", code),
                        new XElement(StsApi.Ns + "Message", message)),
                    new XElement(StsApi.Ns + "RequestId", requestId))
                : new XElement("Response",
                    new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
                    new XElement("RequestID", requestId));
            await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + error.ToString(SaveOptions.DisableFormatting),
                context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Any well-formed SigV4 Authorization header is accepted; the secret is not checked.</summary>
    private static Scope CheckSignature(HttpRequest request, bool json)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            if (request.Query["X-Amz-Credential"].ToString() is { Length: > 0 } credential && credential.Split('/') is { Length: 5 } parts)
            {
                return new Scope(parts[0], parts[2], parts[3]);
            }

            throw json
                ? new SandboxApiException("MissingAuthenticationTokenException", "Missing Authentication Token", 400)
                : new SandboxApiException("MissingAuthenticationToken", "Request is missing Authentication Token", 400);
        }

        var match = Authorization().Match(header);
        if (!match.Success)
        {
            var message = "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters in the AWS4-HMAC-SHA256 format. Authorization="
                          + header[..Math.Min(header.Length, 40)];
            throw new SandboxApiException(json ? "IncompleteSignatureException" : "IncompleteSignature", message, 400);
        }

        if (!request.Headers.ContainsKey("X-Amz-Date") && !request.Headers.ContainsKey("Date"))
        {
            throw new SandboxApiException(json ? "IncompleteSignatureException" : "IncompleteSignature",
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", 400);
        }

        return new Scope(match.Groups["key"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
    }

    private async Task InjectFaultsAsync(string service, string operation, string throttlingCode, string serverErrorCode, CancellationToken ct)
    {
        var decision = faults.Decide(service, operation);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, time, ct).ConfigureAwait(false);
        }

        switch (decision.Kind)
        {
            case SandboxFaultKind.Throttle:
                throw new SandboxApiException(throttlingCode, "Rate exceeded", throttlingCode == "RequestLimitExceeded" ? 503 : 400);
            case SandboxFaultKind.ServerError:
                throw new SandboxApiException(serverErrorCode, "An internal error occurred (injected by the sandbox's fault rules).", 500);
        }
    }

    private static async Task WriteIndexAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            "EcsConsole sandbox: a simulated AWS account.\n" +
            "It answers SigV4-signed ECS, ECR and CloudWatch Logs (AWS JSON 1.1) and EC2/STS (query) requests, e.g.\n" +
            "  aws --endpoint-url " + context.Request.Scheme + "://" + context.Request.Host + " ecs list-clusters\n",
            context.RequestAborted).ConfigureAwait(false);
    }
}
