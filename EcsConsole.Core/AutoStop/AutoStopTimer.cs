using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.AutoStop;

public enum AutoStopStatus
{
    /// <summary>Waiting for its time (or for a retry after AWS failed at that time).</summary>
    Pending,

    /// <summary>Done: the task was stopped by the timer, or had already stopped.</summary>
    Stopped,

    /// <summary>Someone removed the timer before it expired.</summary>
    Cleared,

    /// <summary>Gave up after AutoStop:MaxAttempts, or AWS's answer did not match the task; see LastError.</summary>
    Failed,
}

/// <summary>
/// "Stop this task at …": kept in the database so it survives restarts. Keyed by the full task ARN and
/// cluster, so it can never stop any task other than the one it was set on.
/// </summary>
public sealed class AutoStopTimer
{
    public long Id { get; set; }
    public string Connection { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string TaskArn { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The person's name (shown, and in the stop reason "auto-stop set by …").</summary>
    public string SetBy { get; set; } = "";
    public string SetById { get; set; } = "";
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public AutoStopStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>After a failed attempt: not before this time.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>What happened, as a sentence ("Stopped the task." / "The task had already stopped.").</summary>
    public string? Outcome { get; set; }

    public string TaskId => TaskArn[(TaskArn.LastIndexOf('/') + 1)..];

    /// <summary>When the scheduler should look at it next.</summary>
    public DateTimeOffset DueAt => NextAttemptAt is { } n && n > ExpiresAt ? n : ExpiresAt;
}

internal sealed class AutoStopTimerConfiguration : IEntityTypeConfiguration<AutoStopTimer>
{
    public void Configure(EntityTypeBuilder<AutoStopTimer> builder)
    {
        builder.ToTable("AutoStopTimers");
        builder.HasKey(t => t.Id);
        builder.Ignore(t => t.TaskId);
        builder.Ignore(t => t.DueAt);
        builder.Property(t => t.Connection).HasMaxLength(100);
        builder.Property(t => t.Region).HasMaxLength(50);
        builder.Property(t => t.Cluster).HasMaxLength(255);
        builder.Property(t => t.TaskArn).HasMaxLength(2048);
        builder.Property(t => t.SetBy).HasMaxLength(256);
        builder.Property(t => t.SetById).HasMaxLength(128);
        builder.Property(t => t.Reason).HasMaxLength(512);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.LastError).HasMaxLength(1024);
        builder.Property(t => t.Outcome).HasMaxLength(1024);
        builder.HasIndex(t => new { t.Status, t.ExpiresAt });
        builder.HasIndex(t => new { t.Connection, t.Region, t.TaskArn });
    }
}
