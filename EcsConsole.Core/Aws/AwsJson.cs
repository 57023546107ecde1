using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsConsole.Core.Aws;

/// <summary>Serializer settings for AWS JSON 1.1 bodies.</summary>
public static class AwsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
        // AWS sends numbers like 1.7e9 for timestamps and occasionally adds members we do not model.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>
/// AWS JSON 1.1 sends timestamps as seconds since the epoch, with a fraction (1700000000.123).
/// </summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Anything unreadable is a JsonException so that the transport reports a malformed response
        // instead of letting a FormatException or ArgumentOutOfRangeException escape.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds))
        {
            return FromSeconds(seconds);
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString() ?? "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            {
                return FromSeconds(s);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }

            throw new JsonException($"'{text}' is not a timestamp.");
        }

        throw new JsonException($"Expected a timestamp, found {reader.TokenType}.");
    }

    private static DateTimeOffset FromSeconds(double seconds)
    {
        var ms = Math.Round(seconds * 1000);
        if (double.IsNaN(ms) || ms < MinMilliseconds || ms > MaxMilliseconds)
        {
            throw new JsonException($"{seconds} is not a timestamp AWS would send.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
    }

    private static readonly double MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly double MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteNumberValue(Math.Round(value.ToUnixTimeMilliseconds() / 1000.0, 3));
}

/// <summary>The body of an operation that returns nothing (CreateLogGroup).</summary>
public sealed record AwsEmptyResponse;
