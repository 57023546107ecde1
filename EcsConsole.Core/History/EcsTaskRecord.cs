using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.History;

/// <summary>
/// A task as the watchers last saw it. AWS forgets stopped tasks after about an hour; this row is
/// what the History tab shows afterwards (kept for History:Retention).
/// </summary>
public sealed class EcsTaskRecord
{
    public long Id { get; set; }
    public string Connection { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string TaskArn { get; set; } = "";
    public string TaskId { get; set; } = "";

    /// <summary>"family:revision".</summary>
    public string TaskDefinition { get; set; } = "";

    /// <summary>ECS group: "service:NAME" for a service's tasks, "family:NAME" for standalone ones.</summary>
    public string? Group { get; set; }

    public string? ServiceName { get; set; }
    public string? StartedBy { get; set; }
    public string LastStatus { get; set; } = "";
    public string DesiredStatus { get; set; } = "";
    public string? StopCode { get; set; }
    public string? StoppedReason { get; set; }

    /// <summary>Per container "name: exit N (reason)", one per line.</summary>
    public string? ContainerExits { get; set; }

    public string? PublicIp { get; set; }
    public string? PrivateIp { get; set; }
    public int? Cpu { get; set; }
    public int? Memory { get; set; }
    public string? LaunchType { get; set; }
    public string? CapacityProvider { get; set; }

    // What the cost of the task's life needs beyond cpu/memory (see Costs/CostMeter).
    public string? CpuArchitecture { get; set; }
    public string? OsFamily { get; set; }
    public int? EphemeralStorageGiB { get; set; }
    public DateTimeOffset? PullStartedAt { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>When a watcher last wrote this row.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
}

internal sealed class EcsTaskRecordConfiguration : IEntityTypeConfiguration<EcsTaskRecord>
{
    public void Configure(EntityTypeBuilder<EcsTaskRecord> builder)
    {
        builder.ToTable("EcsTaskHistory");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Connection).HasMaxLength(100);
        builder.Property(e => e.Region).HasMaxLength(50);
        builder.Property(e => e.Cluster).HasMaxLength(255);
        builder.Property(e => e.TaskArn).HasMaxLength(2048);
        builder.Property(e => e.TaskId).HasMaxLength(64);
        builder.Property(e => e.TaskDefinition).HasMaxLength(512);
        builder.Property(e => e.Group).HasMaxLength(512);
        builder.Property(e => e.ServiceName).HasMaxLength(255);
        builder.Property(e => e.StartedBy).HasMaxLength(128);
        builder.Property(e => e.LastStatus).HasMaxLength(32);
        builder.Property(e => e.DesiredStatus).HasMaxLength(32);
        builder.Property(e => e.StopCode).HasMaxLength(64);
        builder.Property(e => e.StoppedReason).HasMaxLength(1024);
        builder.Property(e => e.ContainerExits).HasMaxLength(4096);
        builder.Property(e => e.PublicIp).HasMaxLength(64);
        builder.Property(e => e.PrivateIp).HasMaxLength(64);
        builder.Property(e => e.LaunchType).HasMaxLength(32);
        builder.Property(e => e.CapacityProvider).HasMaxLength(128);
        builder.Property(e => e.CpuArchitecture).HasMaxLength(16);
        builder.Property(e => e.OsFamily).HasMaxLength(64);
        builder.HasIndex(e => new { e.Connection, e.Region, e.TaskArn }).IsUnique();
        builder.HasIndex(e => new { e.Connection, e.Region, e.Cluster, e.LastSeenAt });
        builder.HasIndex(e => e.LastSeenAt);
    }
}
