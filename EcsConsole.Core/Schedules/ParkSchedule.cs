using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.Schedules;

/// <summary>A service's park schedule, stored so it survives restarts (see <see cref="ParkRule"/> for the meaning).</summary>
public sealed class ParkSchedule
{
    public long Id { get; set; }
    public string Connection { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string Service { get; set; } = "";

    /// <summary>Bit (1 &lt;&lt; DayOfWeek) per day whose night is parked.</summary>
    public int NightsMask { get; set; }
    public int ParkAtMinutes { get; set; }
    public int UnparkAtMinutes { get; set; }
    public bool Weekends { get; set; }

    /// <summary>IANA time zone id, "UTC" by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    public string SetBy { get; set; } = "";
    public string SetById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>What the scheduler last made the service (a new schedule assumes Running, so a schedule set inside a window parks at once).</summary>
    public ParkState AppliedState { get; set; }
    public DateTimeOffset? LastActionAt { get; set; }
    public string? LastMessage { get; set; }
    public string? LastError { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    public IReadOnlySet<DayOfWeek> Nights => Enum.GetValues<DayOfWeek>().Where(d => (NightsMask & (1 << (int)d)) != 0).ToHashSet();

    public static int MaskOf(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (m, d) => m | (1 << (int)d));

    /// <summary>The rule, or null when the stored time zone is not known on this machine.</summary>
    public ParkRule? Rule => ParkRule.FindTimeZone(TimeZone) is { } tz
        ? new ParkRule(Nights, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(ParkAtMinutes)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(UnparkAtMinutes)), Weekends, tz)
        : null;
}

internal sealed class ParkScheduleConfiguration : IEntityTypeConfiguration<ParkSchedule>
{
    public void Configure(EntityTypeBuilder<ParkSchedule> builder)
    {
        builder.ToTable("ParkSchedules");
        builder.HasKey(s => s.Id);
        builder.Ignore(s => s.Nights);
        builder.Ignore(s => s.Rule);
        builder.Property(s => s.Connection).HasMaxLength(100);
        builder.Property(s => s.Region).HasMaxLength(50);
        builder.Property(s => s.Cluster).HasMaxLength(255);
        builder.Property(s => s.Service).HasMaxLength(255);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.SetBy).HasMaxLength(256);
        builder.Property(s => s.SetById).HasMaxLength(128);
        builder.Property(s => s.AppliedState).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.LastMessage).HasMaxLength(1024);
        builder.Property(s => s.LastError).HasMaxLength(1024);
        builder.HasIndex(s => new { s.Connection, s.Region, s.Cluster, s.Service }).IsUnique();
    }
}
