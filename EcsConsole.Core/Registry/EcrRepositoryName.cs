using System.Text.RegularExpressions;

namespace EcsConsole.Core.Registry;

/// <summary>
/// ECR's rules for repository names, checked before any AWS call so the create dialog can say
/// what is wrong at the field: 2–256 characters, lowercase, segments of
/// <c>[a-z0-9]+(?:[._-][a-z0-9]+)*</c> separated by '/'.
/// </summary>
public static partial class EcrRepositoryName
{
    public const int MinLength = 2;
    public const int MaxLength = 256;

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    public static bool IsValid(string? name) => Validate(name) is null;

    /// <summary>Why a name is not accepted, or null when ECR would accept it.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "Enter a repository name.";
        if (name.Length < MinLength) return $"A repository name needs at least {MinLength} characters.";
        if (name.Length > MaxLength) return $"A repository name can have at most {MaxLength} characters (this one has {name.Length}).";
        if (name.Any(char.IsWhiteSpace)) return "A repository name cannot contain spaces.";
        if (name.Any(char.IsUpper)) return "A repository name must be lowercase.";
        if (name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '/')))
        {
            return "A repository name can only contain lowercase letters, digits, '.', '_', '-' and '/'.";
        }

        if (name[0] == '/' || name[^1] == '/') return "A repository name cannot start or end with '/'.";
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0) return "A repository name cannot contain '//' (an empty path segment).";
            if (!Segment().IsMatch(segment))
            {
                return $"Each part between '/' must start and end with a letter or digit, with single '.', '_' or '-' between them ('{segment}' does not).";
            }
        }

        return null;
    }
}
