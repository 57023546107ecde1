namespace EcsConsole.Core.Aws;

/// <summary>Reads AWS's enum strings (RUNNING, DELETE_IN_PROGRESS, EssentialContainerExited) into Core enums.</summary>
public static class AwsEnum
{
    /// <summary>
    /// <paramref name="absent"/> when AWS sent nothing; <paramref name="unknown"/> for a value this build
    /// does not know (AWS adds values over time, and a new one must not break a page).
    /// </summary>
    public static TEnum Parse<TEnum>(string? value, TEnum unknown, TEnum absent)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return absent;
        var name = value.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        // Numbers are not names: Enum.TryParse would accept "3".
        return !char.IsDigit(name[0]) && Enum.TryParse<TEnum>(name, ignoreCase: true, out var parsed) ? parsed : unknown;
    }

    public static TEnum Parse<TEnum>(string? value, TEnum unknown)
        where TEnum : struct, Enum
        => Parse(value, unknown, unknown);
}
