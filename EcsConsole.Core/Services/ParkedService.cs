using EcsConsole.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.Services;

/// <summary>A parked service's desired count from before it was parked, so unpark can restore it.</summary>
public sealed class ParkedService
{
    public long Id { get; set; }
    public required string Connection { get; set; }
    public required string Region { get; set; }
    public required string Cluster { get; set; }
    public required string Service { get; set; }
    public int PreviousDesiredCount { get; set; }
    public DateTimeOffset ParkedAt { get; set; }
    public string ParkedBy { get; set; } = "";
}

internal sealed class ParkedServiceConfiguration : IEntityTypeConfiguration<ParkedService>
{
    public void Configure(EntityTypeBuilder<ParkedService> builder)
    {
        builder.ToTable("ParkedServices");
        builder.HasIndex(p => new { p.Connection, p.Region, p.Cluster, p.Service }).IsUnique();
        builder.Property(p => p.Connection).HasMaxLength(128);
        builder.Property(p => p.Region).HasMaxLength(64);
        builder.Property(p => p.Cluster).HasMaxLength(255);
        builder.Property(p => p.Service).HasMaxLength(255);
    }
}

/// <summary>Reads and writes the remembered counts of parked services.</summary>
public sealed class ParkStore(IDbContextFactory<EcsConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<int?> RememberedCountAsync(string connection, string region, string cluster, string service, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var row = await db.Set<ParkedService>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Connection == connection && p.Region == region && p.Cluster == cluster && p.Service == service, ct)
            .ConfigureAwait(false);
        return row?.PreviousDesiredCount;
    }

    public async Task<IReadOnlyList<ParkedService>> ParkedInClusterAsync(string connection, string region, string cluster, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Set<ParkedService>().AsNoTracking()
            .Where(p => p.Connection == connection && p.Region == region && p.Cluster == cluster)
            .ToListAsync(ct).ConfigureAwait(false);
    }

    public async Task RememberAsync(string connection, string region, string cluster, string service, int count, string by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var row = await db.Set<ParkedService>()
            .FirstOrDefaultAsync(p => p.Connection == connection && p.Region == region && p.Cluster == cluster && p.Service == service, ct)
            .ConfigureAwait(false);
        if (row is null)
        {
            row = new ParkedService { Connection = connection, Region = region, Cluster = cluster, Service = service };
            db.Add(row);
        }

        row.PreviousDesiredCount = count;
        row.ParkedAt = time.GetUtcNow();
        row.ParkedBy = by;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    public async Task ForgetAsync(string connection, string region, string cluster, string service, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.Set<ParkedService>()
            .Where(p => p.Connection == connection && p.Region == region && p.Cluster == cluster && p.Service == service)
            .ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }
}
