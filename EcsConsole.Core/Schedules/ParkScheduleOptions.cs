namespace EcsConsole.Core.Schedules;

public sealed class ParkScheduleOptions
{
    public const string SectionName = "Schedules";

    /// <summary>The scheduler wakes at the next park/unpark time, and at least this often.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a failed park/unpark; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);
}
