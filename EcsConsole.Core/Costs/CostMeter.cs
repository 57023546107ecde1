using EcsConsole.Core.History;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Core.Costs;

/// <summary>One task's estimated cost: per hour, so far (its life until now or until it stopped) and since 00:00 UTC today.</summary>
public sealed record TaskCost(string TaskArn, decimal? PerHour, decimal? SoFar, decimal? Today, bool Billing)
{
    public static TaskCost Unpriced(string arn, bool billing) => new(arn, null, null, null, billing);

    /// <summary>False for tasks without a price (no price table for the region, EC2 launch type, unknown size).</summary>
    public bool Known => PerHour is not null;
}

/// <summary>A roll-up line (a service, a person): tasks running now, their cost per hour, and what every task in the group cost so far.</summary>
public sealed record CostLine(string Key, int RunningTasks, decimal PerHour, decimal SoFar);

/// <summary>What a set of tasks (a cluster's) costs, with roll-ups per service and per person who started them.</summary>
public sealed record CostSummary(
    decimal PerHour,
    decimal SoFar,
    decimal Today,
    int RunningTasks,
    int UnpricedTasks,
    IReadOnlyList<CostLine> ByService,
    IReadOnlyList<CostLine> ByPerson,
    IReadOnlyDictionary<string, TaskCost> Tasks)
{
    public static readonly CostSummary Empty = new(0, 0, 0, 0, 0, [], [], new Dictionary<string, TaskCost>());

    public TaskCost? For(string taskArn) => Tasks.GetValueOrDefault(taskArn);
}

/// <summary>One hour of a cluster's history: what its tasks cost in that hour and how many ran at some point in it.</summary>
public sealed record HourBucket(DateTimeOffset Start, decimal Cost, int Tasks);

/// <summary>
/// Fargate cost estimates for tasks. A task is billed from when its image download starts (pullStartedAt,
/// else startedAt) until it stops, per second with a one-minute minimum (see <see cref="FargatePriceCalculator"/>).
/// "Today" is cost accrued since 00:00 UTC of the current day.
/// </summary>
public sealed class CostMeter(FargatePriceCalculator prices)
{
    public const string StandaloneKey = "(standalone tasks)";
    public const string ServiceSchedulerKey = "ECS service scheduler";
    public const string UnknownPersonKey = "(unknown)";

    public static DateTimeOffset StartOfDayUtc(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>What the task is billed for; null when Fargate does not bill it (EC2/external launch type) or its size is unknown.</summary>
    public static FargateUsage? UsageOf(EcsTaskDetail task)
    {
        var s = task.Summary;
        if (s.LaunchType is EcsLaunchType.Ec2 or EcsLaunchType.External or EcsLaunchType.ManagedInstances) return null;
        if (s.Cpu is not { } cpu || s.MemoryMiB is not { } memory) return null;
        return new FargateUsage(cpu, memory, task.IsArm64, Math.Max(FargatePriceCalculator.IncludedStorageGiB, task.EphemeralStorageGiB ?? 0),
            task.PublicIp is not null, IsSpot(s.CapacityProvider), task.IsWindows);
    }

    public static FargateUsage? UsageOf(EcsTaskRecord r)
    {
        if (r.LaunchType is "EC2" or "EXTERNAL" or "MANAGED_INSTANCES") return null;
        if (r.Cpu is not { } cpu || r.Memory is not { } memory) return null;
        return new FargateUsage(cpu, memory, string.Equals(r.CpuArchitecture, "ARM64", StringComparison.OrdinalIgnoreCase),
            Math.Max(FargatePriceCalculator.IncludedStorageGiB, r.EphemeralStorageGiB ?? 0), r.PublicIp is not null, IsSpot(r.CapacityProvider),
            r.OsFamily?.StartsWith("WINDOWS", StringComparison.OrdinalIgnoreCase) == true);
    }

    public static bool IsSpot(string? capacityProvider) => string.Equals(capacityProvider, "FARGATE_SPOT", StringComparison.OrdinalIgnoreCase);

    public TaskCost Price(string region, EcsTaskDetail task, DateTimeOffset now)
    {
        var t = task.Summary.Times;
        var start = t.PullStartedAt ?? t.StartedAt;
        var end = task.IsStopped ? t.StoppedAt ?? t.ExecutionStoppedAt ?? t.StoppingAt ?? now : (DateTimeOffset?)null;
        return Price(region, task.Arn, UsageOf(task), start, end, now);
    }

    /// <summary>A recorded task: <paramref name="end"/> is when it stopped, or when it was last known to run (see <see cref="RecordEnd"/>).</summary>
    public TaskCost Price(string region, EcsTaskRecord record, DateTimeOffset? end, DateTimeOffset now)
        => Price(region, record.TaskArn, UsageOf(record), record.PullStartedAt ?? record.StartedAt, end, now);

    /// <summary>Where a recorded task's billing ends: its stop, else now while watchers still see it, else when it was last seen.</summary>
    public static DateTimeOffset? RecordEnd(EcsTaskRecord r, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (r.StoppedAt is { } stopped) return stopped;
        if (r.LastStatus == "STOPPED") return r.LastSeenAt;
        return r.LastSeenAt >= now - staleAfter ? null : r.LastSeenAt;
    }

    private TaskCost Price(string region, string arn, FargateUsage? usage, DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now)
    {
        var billing = start is not null && end is null;
        if (usage is null || prices.HourlyCost(region, usage) is not { } perHour) return TaskCost.Unpriced(arn, billing);
        if (start is not { } from) return new TaskCost(arn, perHour, 0, 0, false);
        var until = end ?? now;
        var soFar = prices.CostOf(region, usage, until - from) ?? 0;
        var midnight = StartOfDayUtc(now);
        // A task that started today pays its minimum today; one from yesterday pays today's seconds only.
        var today = from >= midnight ? soFar
            : until <= midnight ? 0
            : perHour * FargatePriceCalculator.BilledSeconds(until - midnight) / 3600m;
        return new TaskCost(arn, perHour, soFar, today, billing);
    }

    /// <summary>Prices a cluster's tasks and rolls them up; "running" means billed now (image pulled or pulling, not yet stopped).</summary>
    public CostSummary Summarize(string region, IEnumerable<EcsTaskDetail> tasks, DateTimeOffset now)
    {
        var costs = new Dictionary<string, TaskCost>(StringComparer.Ordinal);
        var byService = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        var byPerson = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        var total = new Accumulator();
        var unpriced = 0;
        foreach (var task in tasks)
        {
            var cost = Price(region, task, now);
            costs[task.Arn] = cost;
            if (!cost.Known)
            {
                if (!task.IsStopped) unpriced++;
                continue;
            }

            total.Add(cost);
            Get(byService, task.Summary.ServiceName ?? StandaloneKey).Add(cost);
            Get(byPerson, PersonKey(task.Summary.StartedBy)).Add(cost);
        }

        return new CostSummary(total.PerHour, total.SoFar, total.Today, total.Running, unpriced, Lines(byService), Lines(byPerson), costs);
    }

    /// <summary>The startedBy of a task as a roll-up key: services' tasks ("ecs-svc/…") are the scheduler's, not a person's.</summary>
    public static string PersonKey(string? startedBy)
        => string.IsNullOrWhiteSpace(startedBy) ? UnknownPersonKey
            : startedBy.StartsWith("ecs-svc/", StringComparison.Ordinal) ? ServiceSchedulerKey
            : startedBy;

    /// <summary>
    /// Hour by hour (UTC hours) from <paramref name="from"/> to <paramref name="to"/>: each task adds the seconds it
    /// overlapped each hour at its hourly price, and counts as one task in every hour it overlapped.
    /// The one-minute minimum is not spread over hours (it matters only for tasks shorter than a minute).
    /// </summary>
    public IReadOnlyList<HourBucket> Hourly(string region, IEnumerable<(EcsTaskRecord Record, DateTimeOffset? End)> tasks,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var first = TruncateToHour(from);
        var hours = Math.Max(0, (int)Math.Ceiling((to - first).TotalHours));
        var cost = new decimal[hours];
        var count = new int[hours];
        foreach (var (record, end) in tasks)
        {
            if ((record.PullStartedAt ?? record.StartedAt) is not { } start) continue;
            var stop = end ?? now;
            var perHour = UsageOf(record) is { } usage ? prices.HourlyCost(region, usage) : null;
            for (var i = Math.Max(0, (int)Math.Floor((start - first).TotalHours)); i < hours; i++)
            {
                var bucketStart = first.AddHours(i);
                if (bucketStart >= stop) break;
                var overlap = Min(stop, bucketStart.AddHours(1)) - Max(start, bucketStart);
                if (overlap <= TimeSpan.Zero) continue;
                count[i]++;
                if (perHour is { } p) cost[i] += p * (decimal)overlap.TotalSeconds / 3600m;
            }
        }

        return [.. Enumerable.Range(0, hours).Select(i => new HourBucket(first.AddHours(i), cost[i], count[i]))];
    }

    public static DateTimeOffset TruncateToHour(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static Accumulator Get(Dictionary<string, Accumulator> map, string key)
    {
        if (!map.TryGetValue(key, out var acc)) map[key] = acc = new Accumulator();
        return acc;
    }

    private static List<CostLine> Lines(Dictionary<string, Accumulator> map)
        => [.. map.Select(kv => new CostLine(kv.Key, kv.Value.Running, kv.Value.PerHour, kv.Value.SoFar))
            .OrderByDescending(l => l.PerHour).ThenByDescending(l => l.SoFar).ThenBy(l => l.Key, StringComparer.Ordinal)];

    private sealed class Accumulator
    {
        public decimal PerHour { get; private set; }
        public decimal SoFar { get; private set; }
        public decimal Today { get; private set; }
        public int Running { get; private set; }

        public void Add(TaskCost cost)
        {
            SoFar += cost.SoFar ?? 0;
            Today += cost.Today ?? 0;
            if (!cost.Billing) return;
            Running++;
            PerHour += cost.PerHour ?? 0;
        }
    }
}
