using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.Audit;

public enum AuditOutcome
{
    /// <summary>Written before the AWS call; still so if the process died during it.</summary>
    Unfinished,
    Succeeded,
    Failed,

    /// <summary>The person's role does not allow the action; nothing was sent to AWS.</summary>
    Refused,

    /// <summary>The input was invalid; nothing was sent to AWS.</summary>
    Rejected,
}

/// <summary>One mutating action: who, what, where from, why, and how it ended.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string? ClientIp { get; set; }
    public string Action { get; set; } = "";
    public string Connection { get; set; } = "";
    public string Region { get; set; } = "";
    public string Resource { get; set; } = "";
    public string? Parameters { get; set; }
    public string? Reason { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? Error { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.UserId).HasMaxLength(200);
        builder.Property(e => e.UserName).HasMaxLength(200);
        builder.Property(e => e.Connection).HasMaxLength(100);
        builder.Property(e => e.Region).HasMaxLength(50);
        builder.Property(e => e.Resource).HasMaxLength(2048);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => e.StartedAt);
        builder.HasIndex(e => e.Resource);
        builder.HasIndex(e => e.UserName);
    }
}
