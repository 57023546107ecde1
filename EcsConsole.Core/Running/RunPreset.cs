using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.Running;

/// <summary>
/// The last network placement used for a task definition family on a cluster, offered the next
/// time anyone runs it there (or creates a service from it).
/// </summary>
public sealed class RunPreset
{
    public long Id { get; set; }
    public required string Connection { get; set; }
    public required string Region { get; set; }
    public required string Cluster { get; set; }
    public required string Family { get; set; }
    public string? VpcId { get; set; }

    /// <summary>Comma-separated subnet ids (ids never contain commas).</summary>
    public string Subnets { get; set; } = "";

    /// <summary>Comma-separated security group ids.</summary>
    public string SecurityGroups { get; set; } = "";

    public bool AssignPublicIp { get; set; } = true;
    public CapacityChoice Capacity { get; set; }
    public string? PlatformVersion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public NetworkPlan ToNetwork() => new(VpcId, Split(Subnets), Split(SecurityGroups), AssignPublicIp);

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class RunPresetConfiguration : IEntityTypeConfiguration<RunPreset>
{
    public void Configure(EntityTypeBuilder<RunPreset> builder)
    {
        builder.ToTable("RunPresets");
        builder.HasIndex(p => new { p.Connection, p.Region, p.Cluster, p.Family }).IsUnique();
        builder.Property(p => p.Connection).HasMaxLength(128);
        builder.Property(p => p.Region).HasMaxLength(64);
        builder.Property(p => p.Cluster).HasMaxLength(255);
        builder.Property(p => p.Family).HasMaxLength(255);
        builder.Property(p => p.Capacity).HasConversion<string>().HasMaxLength(32);
    }
}

/// <summary>Reads and writes <see cref="RunPreset"/>s.</summary>
public sealed class RunPresetStore(IDbContextFactory<EcsConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<RunPreset?> FindAsync(string connection, string region, string cluster, string family, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var key = ClusterKey(cluster);
        return await db.Set<RunPreset>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Connection == connection && p.Region == region && p.Cluster == key && p.Family == family, ct)
            .ConfigureAwait(false);
    }

    /// <summary>The most recent placement used for a family on any cluster (for a service on a new cluster).</summary>
    public async Task<RunPreset?> FindLatestForFamilyAsync(string connection, string region, string family, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var all = await db.Set<RunPreset>().AsNoTracking()
            .Where(p => p.Connection == connection && p.Region == region && p.Family == family)
            .ToListAsync(ct).ConfigureAwait(false);
        return all.OrderByDescending(p => p.UpdatedAt).FirstOrDefault();
    }

    public async Task SaveAsync(string connection, string region, string cluster, string family,
        NetworkPlan network, CapacityChoice capacity, string? platformVersion, string updatedBy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var key = ClusterKey(cluster);
        var preset = await db.Set<RunPreset>()
            .FirstOrDefaultAsync(p => p.Connection == connection && p.Region == region && p.Cluster == key && p.Family == family, ct)
            .ConfigureAwait(false);
        if (preset is null)
        {
            preset = new RunPreset { Connection = connection, Region = region, Cluster = key, Family = family };
            db.Add(preset);
        }

        preset.VpcId = network.VpcId;
        preset.Subnets = string.Join(',', network.Subnets);
        preset.SecurityGroups = string.Join(',', network.SecurityGroups);
        preset.AssignPublicIp = network.AssignPublicIp;
        preset.Capacity = capacity;
        preset.PlatformVersion = platformVersion;
        preset.UpdatedAt = time.GetUtcNow();
        preset.UpdatedBy = updatedBy;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A cluster named by ARN or by name is the same cluster.</summary>
    public static string ClusterKey(string cluster) => EcsArn.LastSegment(cluster);
}
