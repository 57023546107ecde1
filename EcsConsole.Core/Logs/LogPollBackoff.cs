namespace EcsConsole.Core.Logs;

/// <summary>How the last poll went, which decides when the next one runs.</summary>
public enum LogPollOutcome
{
    NewLines,
    Idle,
    Throttled,
    Failed,
}

/// <summary>
/// The reader's poll schedule: every <see cref="LogsOptions.PollInterval"/> while lines arrive,
/// 1 s → 2 s → 5 s when idle (reset by the next new line), and a harder backoff under throttling
/// because the account's GetLogEvents budget (10–25 calls/s) is shared with everything else.
/// </summary>
public sealed class LogPollBackoff(LogsOptions options)
{
    private int _idlePolls;
    private TimeSpan _throttled = TimeSpan.Zero;

    public TimeSpan Next(LogPollOutcome outcome)
    {
        switch (outcome)
        {
            case LogPollOutcome.NewLines:
                _idlePolls = 0;
                _throttled = TimeSpan.Zero;
                return options.PollInterval;
            case LogPollOutcome.Throttled:
                _throttled = _throttled == TimeSpan.Zero
                    ? options.ThrottledInterval
                    : Min(_throttled * 2, options.MaxThrottledInterval);
                return _throttled;
            default:
                _throttled = TimeSpan.Zero;
                _idlePolls++;
                var step = _idlePolls switch
                {
                    1 => options.PollInterval,
                    2 => options.PollInterval * 2,
                    _ => options.MaxIdleInterval,
                };
                return Min(step, options.MaxIdleInterval);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
