using System.Net;

namespace EcsConsole.Core.Aws;

/// <summary>What kind of failure an AWS call ended in, as the user should understand it.</summary>
public enum AwsErrorKind
{
    Unknown,
    AccessDenied,
    NotFound,
    InvalidInput,
    Throttled,
    Unavailable,
    Network,
    Timeout,
    Conflict,
}

/// <summary>An AWS call that failed, with AWS's code and message kept for the user.</summary>
public sealed class AwsServiceException(
    string service,
    string operation,
    string errorCode,
    string awsMessage,
    AwsErrorKind kind,
    HttpStatusCode? statusCode = null,
    string? requestId = null,
    Exception? inner = null)
    : Exception(FormatMessage(service, operation, errorCode, awsMessage), inner)
{
    public string Service { get; } = service;
    public string Operation { get; } = operation;
    public string ErrorCode { get; } = errorCode;
    public string AwsMessage { get; } = awsMessage;
    public AwsErrorKind Kind { get; } = kind;
    public HttpStatusCode? StatusCode { get; } = statusCode;
    public string? RequestId { get; } = requestId;

    /// <summary>Whether trying again later may succeed.</summary>
    public bool IsTransient => Kind is AwsErrorKind.Throttled or AwsErrorKind.Unavailable
        or AwsErrorKind.Network or AwsErrorKind.Timeout;

    /// <summary>A sentence for the page: what went wrong, then AWS's own words.</summary>
    public string UserMessage
    {
        get
        {
            var lead = Kind switch
            {
                AwsErrorKind.AccessDenied => $"AWS refused {Operation}: the credentials in use are not allowed to do this.",
                AwsErrorKind.NotFound => $"AWS could not find what {Operation} asked for.",
                AwsErrorKind.InvalidInput => $"AWS rejected the {Operation} request as invalid.",
                AwsErrorKind.Throttled => $"AWS is throttling {Operation} calls (the account's shared rate limit); try again in a moment.",
                AwsErrorKind.Unavailable => $"The {Service} service is unavailable right now.",
                AwsErrorKind.Network => $"Could not reach {Service}: check the network or the endpoint.",
                AwsErrorKind.Timeout => $"{Operation} took too long and was given up.",
                AwsErrorKind.Conflict => $"{Operation} conflicts with the current state of the resource.",
                _ => $"{Operation} failed.",
            };
            return string.IsNullOrWhiteSpace(AwsMessage) ? lead : $"{lead} AWS said: {AwsMessage}";
        }
    }

    private static string FormatMessage(string service, string operation, string code, string message)
        => $"{service} {operation} failed with {code}: {message}";
}

/// <summary>Maps AWS error codes and HTTP statuses to <see cref="AwsErrorKind"/>.</summary>
public static class AwsErrorClassifier
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    private static readonly HashSet<string> AccessCodes = new(StringComparer.Ordinal)
    {
        "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnrecognizedClientException",
        "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredToken",
        "ExpiredTokenException", "AuthFailure", "MissingAuthenticationToken", "IncompleteSignature",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "ClusterNotFoundException", "ServiceNotFoundException", "RepositoryNotFoundException",
        "ImageNotFoundException", "ResourceNotFoundException", "TaskSetNotFoundException",
        "TargetNotFoundException", "InvalidVpcID.NotFound", "InvalidSubnetID.NotFound",
        "InvalidGroup.NotFound", "InvalidNetworkInterfaceID.NotFound",
    };

    private static readonly HashSet<string> InvalidCodes = new(StringComparer.Ordinal)
    {
        "InvalidParameterException", "ClientException", "ValidationException", "InvalidParameterValue",
        "InvalidParameterCombination", "MissingParameter", "InvalidParameter", "SerializationException",
        "InvalidSequenceTokenException", "InvalidTagParameterException", "UnsupportedFeatureException",
        "PlatformUnknownException", "PlatformTaskDefinitionIncompatibilityException", "InvalidAction",
        "ServiceNotActiveException", "ClusterContainsServicesException", "ClusterContainsTasksException",
        "RepositoryNotEmptyException", "TooManyTagsException",
    };

    private static readonly HashSet<string> ConflictCodes = new(StringComparer.Ordinal)
    {
        "ResourceAlreadyExistsException", "RepositoryAlreadyExistsException", "ConflictException",
        "ResourceInUseException", "OperationAbortedException", "UpdateInProgressException",
    };

    private static readonly HashSet<string> UnavailableCodes = new(StringComparer.Ordinal)
    {
        "ServerException", "ServiceUnavailable", "ServiceUnavailableException", "InternalFailure",
        "InternalError", "InternalServerError", "ServiceException", "InternalServiceError",
        "RequestTimeout", "RequestTimeoutException",
    };

    public static AwsErrorKind Classify(string code, HttpStatusCode? status)
    {
        if (ThrottlingCodes.Contains(code)) return AwsErrorKind.Throttled;
        if (AccessCodes.Contains(code)) return AwsErrorKind.AccessDenied;
        if (NotFoundCodes.Contains(code) || code.EndsWith(".NotFound", StringComparison.Ordinal)) return AwsErrorKind.NotFound;
        if (ConflictCodes.Contains(code)) return AwsErrorKind.Conflict;
        if (InvalidCodes.Contains(code)) return AwsErrorKind.InvalidInput;
        if (UnavailableCodes.Contains(code)) return AwsErrorKind.Unavailable;
        return status switch
        {
            HttpStatusCode.TooManyRequests => AwsErrorKind.Throttled,
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => AwsErrorKind.AccessDenied,
            HttpStatusCode.NotFound => AwsErrorKind.NotFound,
            HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                or HttpStatusCode.GatewayTimeout => AwsErrorKind.Unavailable,
            HttpStatusCode.Conflict => AwsErrorKind.Conflict,
            { } s when (int)s >= 400 && (int)s < 500 => AwsErrorKind.InvalidInput,
            _ => AwsErrorKind.Unknown,
        };
    }

    /// <summary>
    /// Strips the namespace AWS may put before '#' and the ':' suffix some services append
    /// ("com.amazonaws.ecs#ClusterNotFoundException:http://…").
    /// </summary>
    public static string NormalizeCode(string raw)
    {
        var code = raw;
        var hash = code.LastIndexOf('#');
        if (hash >= 0) code = code[(hash + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0) code = code[..colon];
        return code.Trim();
    }
}
