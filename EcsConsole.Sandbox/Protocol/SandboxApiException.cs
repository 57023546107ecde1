namespace EcsConsole.Sandbox.Protocol;

/// <summary>An AWS error the sandbox answers with: AWS's code, message and HTTP status.</summary>
public sealed class SandboxApiException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    public static SandboxApiException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static SandboxApiException Client(string message) => new("ClientException", message);
}
