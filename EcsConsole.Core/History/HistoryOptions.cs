namespace EcsConsole.Core.History;

public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>How long a task stays in the History tab after it was last seen.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often old rows are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
