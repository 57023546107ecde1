namespace EcsConsole.Core.Live;

/// <summary>How often the shared watchers ask AWS, and how they behave when AWS pushes back.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>Time between two refreshes of a watched cluster (the issue asks for "a few seconds at most").</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between refreshes while AWS keeps failing or throttling.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a watcher keeps running after its last subscriber left (a page reload comes straight back).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Change batches queued per subscriber; a reader further behind gets one full resync instead.</summary>
    public int SubscriberBuffer { get; set; } = 32;
}
