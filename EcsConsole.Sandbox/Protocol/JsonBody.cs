using System.Text.Json;
using EcsConsole.Core.Aws;

namespace EcsConsole.Sandbox.Protocol;

/// <summary>Reads an AWS JSON 1.1 request body into its wire record.</summary>
internal static class JsonBody
{
    public static T Read<T>(byte[] body) where T : new()
    {
        if (body.Length == 0) return new T();
        try
        {
            return JsonSerializer.Deserialize<T>(body, AwsJson.Options) ?? new T();
        }
        catch (JsonException ex)
        {
            throw new SandboxApiException("SerializationException", $"Could not read the request body: {ex.Message}");
        }
    }
}

/// <summary>One of the sandbox's AWS JSON 1.1 services.</summary>
internal interface IJsonService
{
    /// <summary>The service's name in the credential scope and in fault rules (ecs, ecr, logs).</summary>
    string Name { get; }

    string TargetPrefix { get; }

    /// <summary>Error code AWS uses for throttling in this service.</summary>
    string ThrottlingCode { get; }

    /// <summary>Error code AWS uses for an internal failure in this service.</summary>
    string ServerErrorCode { get; }

    object Invoke(string operation, byte[] body, string region);
}
