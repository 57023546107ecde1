namespace EcsConsole.Core.AutoStop;

/// <summary>Doubling retry delays for the schedulers (AWS throttling is a shared budget: retrying faster makes it worse).</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max)
        => TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)), max.Ticks));
}
