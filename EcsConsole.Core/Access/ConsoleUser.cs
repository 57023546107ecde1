namespace EcsConsole.Core.Access;

/// <summary>The signed-in person behind a command, as the audit trail and AWS (startedBy, reasons, tags) see them.</summary>
public sealed record ConsoleUser(string Id, string Name, ConsoleRole Role, string? ClientIp = null)
{
    /// <summary>The system itself (auto-stop timers, park schedules), acting for the person who set them up.</summary>
    public static ConsoleUser System(string onBehalfOf) => new("system", $"auto ({onBehalfOf})", ConsoleRole.Admin);

    /// <summary>
    /// A value for ECS's startedBy (at most 36 letters, digits, '-', '_', '.', '@' as this console uses them).
    /// </summary>
    public string StartedBy
    {
        get
        {
            var cleaned = new string([.. Name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')]);
            if (cleaned.Length == 0) cleaned = "ecsconsole";
            return cleaned.Length <= 36 ? cleaned : cleaned[..36];
        }
    }
}
