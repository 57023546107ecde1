using EcsConsole.Core.Live;
using EcsConsole.Core.Storage;
using EcsConsole.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.History;

/// <summary>Filters for a cluster's History tab.</summary>
public sealed record TaskHistoryQuery(
    string Connection,
    string Region,
    string Cluster,
    string? Search = null,
    bool StoppedOnly = true,
    int Limit = 500);

/// <summary>Every task the watchers see, kept after AWS forgets it (about an hour after it stops).</summary>
public sealed class TaskHistory(IDbContextFactory<EcsConsoleDbContext> dbFactory, TimeProvider time, IOptions<HistoryOptions> options)
{
    public async Task UpsertAsync(ClusterKey key, IReadOnlyList<EcsTaskDetail> tasks, CancellationToken ct)
    {
        if (tasks.Count == 0) return;
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var arns = tasks.Select(t => t.Arn).ToList();
        var existing = await db.Set<EcsTaskRecord>()
            .Where(r => r.Connection == key.Connection && r.Region == key.Region && arns.Contains(r.TaskArn))
            .ToDictionaryAsync(r => r.TaskArn, StringComparer.Ordinal, ct).ConfigureAwait(false);
        foreach (var task in tasks)
        {
            if (!existing.TryGetValue(task.Arn, out var row))
            {
                row = new EcsTaskRecord { Connection = key.Connection, Region = key.Region, TaskArn = task.Arn };
                db.Add(row);
            }

            Fill(row, key.Cluster, task, now);
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<EcsTaskRecord>> QueryAsync(TaskHistoryQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var q = db.Set<EcsTaskRecord>().AsNoTracking()
            .Where(r => r.Connection == query.Connection && r.Region == query.Region && r.Cluster == query.Cluster);
        if (query.StoppedOnly) q = q.Where(r => r.LastStatus == "STOPPED");
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            q = q.Where(r => r.TaskId.Contains(s) || r.TaskDefinition.Contains(s) || (r.ServiceName != null && r.ServiceName.Contains(s))
                             || (r.StartedBy != null && r.StartedBy.Contains(s)) || (r.StoppedReason != null && r.StoppedReason.Contains(s))
                             || (r.PublicIp != null && r.PublicIp.Contains(s)));
        }

        return await q.OrderByDescending(r => r.StoppedAt ?? r.LastSeenAt).ThenByDescending(r => r.Id).Take(query.Limit)
            .ToListAsync(ct).ConfigureAwait(false);
    }

    public async Task<EcsTaskRecord?> FindAsync(string connection, string region, string taskId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Set<EcsTaskRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Connection == connection && r.Region == region && r.TaskId == taskId, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes rows not seen within History:Retention; returns how many.</summary>
    public async Task<int> CleanupAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Set<EcsTaskRecord>().Where(r => r.LastSeenAt < cutoff).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }

    private static void Fill(EcsTaskRecord row, string cluster, EcsTaskDetail t, DateTimeOffset now)
    {
        var s = t.Summary;
        row.Cluster = cluster;
        row.TaskId = s.Id;
        row.TaskDefinition = s.TaskDefinition.FamilyRevision;
        row.Group = s.Group;
        row.ServiceName = s.ServiceName;
        row.StartedBy = s.StartedBy;
        row.LastStatus = s.LastStatus.ToString().ToUpperInvariant();
        row.DesiredStatus = s.DesiredStatus.ToString().ToUpperInvariant();
        row.StopCode = s.StopCode == EcsStopCode.None ? null : s.StopCode.ToString();
        row.StoppedReason = Cut(s.StoppedReason, 1024);
        var exits = t.Containers.Where(c => c.ExitCode is not null || c.Reason is not null)
            .Select(c => $"{c.Name}: " + (c.ExitCode is { } code ? $"exit {code}" : "no exit code") + (c.Reason is { Length: > 0 } r ? $" ({r})" : ""));
        row.ContainerExits = Cut(string.Join('\n', exits) is { Length: > 0 } e ? e : null, 4096);
        // Keep the last known addresses: the ENI (and so the IP) goes away as the task stops.
        row.PublicIp = t.PublicIp ?? row.PublicIp;
        row.PrivateIp = s.NetworkInterface?.PrivateIpv4Address ?? row.PrivateIp;
        row.Cpu = s.Cpu;
        row.Memory = s.MemoryMiB;
        row.LaunchType = s.LaunchType is EcsLaunchType.Unknown or EcsLaunchType.None ? null : s.LaunchType.ToString().ToUpperInvariant();
        row.CapacityProvider = s.CapacityProvider;
        // The region cost poller does not read task definitions: keep what a cluster watcher found.
        row.CpuArchitecture = t.CpuArchitecture ?? row.CpuArchitecture;
        row.OsFamily = t.OsFamily ?? row.OsFamily;
        row.EphemeralStorageGiB = t.EphemeralStorageGiB ?? row.EphemeralStorageGiB;
        row.PullStartedAt = s.Times.PullStartedAt;
        row.CreatedAt = s.Times.CreatedAt;
        row.StartedAt = s.Times.StartedAt;
        row.StoppedAt = s.Times.StoppedAt;
        row.LastSeenAt = now;
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
