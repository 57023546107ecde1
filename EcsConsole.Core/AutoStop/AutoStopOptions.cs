namespace EcsConsole.Core.AutoStop;

public sealed class AutoStopOptions
{
    public const string SectionName = "AutoStop";

    /// <summary>
    /// The scheduler wakes at the next expiry, and at least this often as a safety net (a timer set by
    /// another app instance sharing the database, a clock change).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait after AWS failed at expiry; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a timer is marked Failed (at the default delays, about eight hours of trying).</summary>
    public int MaxAttempts { get; set; } = 100;

    /// <summary>The longest time to live a timer may be given.</summary>
    public TimeSpan MaxTimeToLive { get; set; } = TimeSpan.FromDays(7);
}
