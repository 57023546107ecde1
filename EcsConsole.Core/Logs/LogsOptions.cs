using System.ComponentModel.DataAnnotations;

namespace EcsConsole.Core.Logs;

/// <summary>Settings of the log viewer and its shared readers (section "Logs").</summary>
public sealed class LogsOptions
{
    public const string SectionName = "Logs";

    /// <summary>Lines one viewer keeps; the oldest are dropped (and the viewer says so) beyond it.</summary>
    [Range(1_000, 1_000_000)]
    public int ViewerBufferLines { get; set; } = 50_000;

    /// <summary>Lines waiting for one subscriber that has not caught up; a slow browser loses the oldest.</summary>
    [Range(1_000, 1_000_000)]
    public int SubscriberQueueLines { get; set; } = 50_000;

    /// <summary>Lines a shared reader keeps so a viewer that joins later still gets the history.</summary>
    [Range(1_000, 1_000_000)]
    public int ReaderHistoryLines { get; set; } = 50_000;

    /// <summary>Poll interval while data flows (about once a second, like Live Tail).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Idle polls step 1 s → 2 s → this, so an idle stream costs a call every few seconds.</summary>
    public TimeSpan MaxIdleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After throttling the reader waits at least this, doubling up to <see cref="MaxThrottledInterval"/>.</summary>
    public TimeSpan ThrottledInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxThrottledInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// FilterLogEvents has no forward token once caught up, so each poll re-reads from the last
    /// timestamp minus this window (awslogs delivers a few seconds late); duplicates are dropped by event id.
    /// </summary>
    public TimeSpan FilterLookback { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pages one poll reads per stream before yielding, so a huge backlog cannot starve the other streams.</summary>
    [Range(1, 1_000)]
    public int MaxPagesPerPoll { get; set; } = 20;

    /// <summary>How often the viewer re-renders at most while lines arrive (100–250 ms).</summary>
    [Range(100, 250)]
    public int RenderIntervalMilliseconds { get; set; } = 200;
}
