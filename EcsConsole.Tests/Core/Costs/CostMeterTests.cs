using EcsConsole.Core.Costs;
using EcsConsole.Core.History;
using EcsConsole.Core.Tasks;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Costs;

/// <summary>Cost per task, per group and per hour: each price dimension, per-second billing and the one-minute minimum.</summary>
public sealed class CostMeterTests
{
    private const string Region = "us-east-1";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);
    private static readonly FargateRegionPrices P = new();
    private static readonly FargatePriceCalculator Prices = new(Options.Create(new PricingOptions()));
    private static readonly CostMeter Meter = new(Prices);

    // 1 vCPU, 2 GB on x86 on-demand: 0.04048 + 2 × 0.004445
    private const decimal OneVcpuTwoGb = 0.04048m + 0.00889m;

    [Fact]
    public void ARunningTaskCostsItsSizeTimesThePricePerSecondSinceItsImagePullStarted()
    {
        var task = Task(pullStarted: Now.AddMinutes(-90), started: Now.AddMinutes(-89));
        var cost = Meter.Price(Region, task, Now);

        Assert.Equal(OneVcpuTwoGb, cost.PerHour);
        Assert.Equal(OneVcpuTwoGb * 5400 / 3600, cost.SoFar);
        Assert.True(cost.Billing);
    }

    [Fact]
    public void ATaskThatRanTenSecondsPaysForOneMinute()
    {
        var task = Task(pullStarted: Now.AddSeconds(-20), stoppedAt: Now.AddSeconds(-10), status: "STOPPED");
        var cost = Meter.Price(Region, task, Now);

        Assert.Equal(OneVcpuTwoGb * 60 / 3600, cost.SoFar);
        Assert.False(cost.Billing);
    }

    [Fact]
    public void PartialSecondsRoundUpToTheNextSecond()
    {
        var task = Task(pullStarted: Now.AddSeconds(-90.2), stoppedAt: Now, status: "STOPPED");
        Assert.Equal(OneVcpuTwoGb * 91 / 3600, Meter.Price(Region, task, Now).SoFar);
    }

    [Fact]
    public void ArmUsesTheArmRates()
    {
        var cost = Meter.Price(Region, Task(pullStarted: Now.AddHours(-1)) with { CpuArchitecture = "ARM64" }, Now);
        Assert.Equal(P.ArmVcpuHour + (2 * P.ArmGbHour), cost.PerHour);
    }

    [Fact]
    public void FargateSpotTakesTheDiscountOffComputeButNotOffThePublicAddress()
    {
        var spot = Task(pullStarted: Now.AddHours(-1), capacityProvider: "FARGATE_SPOT") with { PublicIp = "203.0.113.7" };
        Assert.Equal((OneVcpuTwoGb * 0.3m) + P.PublicIpv4Hour, Meter.Price(Region, spot, Now).PerHour);
    }

    [Fact]
    public void ConfiguredSpotRatesReplaceTheDiscount()
    {
        var options = new PricingOptions();
        options.Regions[Region] = new FargateRegionPrices { SpotVcpuHour = 0.0125m, SpotGbHour = 0.0014m };
        var meter = new CostMeter(new FargatePriceCalculator(Options.Create(options)));

        var cost = meter.Price(Region, Task(pullStarted: Now.AddHours(-1), capacityProvider: "FARGATE_SPOT"), Now);
        Assert.Equal(0.0125m + (2 * 0.0014m), cost.PerHour);
    }

    [Fact]
    public void WindowsAddsTheLicenseFeePerVcpuAndBillsAtLeastFifteenMinutes()
    {
        var task = Task(pullStarted: Now.AddMinutes(-5), stoppedAt: Now, status: "STOPPED", cpu: 2048, memory: 4096) with { OsFamily = "WINDOWS_SERVER_2022_CORE" };
        var cost = Meter.Price(Region, task, Now);

        var perHour = (2 * P.VcpuHour) + (4 * P.GbHour) + (2 * P.WindowsLicenseVcpuHour);
        Assert.Equal(perHour, cost.PerHour);
        Assert.Equal(perHour * 900 / 3600, cost.SoFar);
    }

    [Fact]
    public void StorageAboveTheIncludedTwentyGigabytesIsCharged()
    {
        var cost = Meter.Price(Region, Task(pullStarted: Now.AddHours(-1)) with { EphemeralStorageGiB = 50 }, Now);
        Assert.Equal(OneVcpuTwoGb + (30 * P.StorageGbHour), cost.PerHour);
    }

    [Fact]
    public void APublicIpv4AddressIsCharged()
    {
        var cost = Meter.Price(Region, Task(pullStarted: Now.AddHours(-1)) with { PublicIp = "203.0.113.7" }, Now);
        Assert.Equal(OneVcpuTwoGb + 0.005m, cost.PerHour);
    }

    [Fact]
    public void TodayCountsOnlyTheSecondsSinceMidnightUtcForATaskFromYesterday()
    {
        var cost = Meter.Price(Region, Task(pullStarted: Now.AddDays(-1)), Now);
        Assert.Equal(OneVcpuTwoGb * 10, cost.Today);
        Assert.Equal(OneVcpuTwoGb * 24, cost.SoFar);
    }

    [Fact]
    public void Ec2LaunchTypeTasksAndRegionsWithoutAPriceTableHaveNoEstimate()
    {
        Assert.False(Meter.Price(Region, Task(pullStarted: Now.AddHours(-1), launchType: "EC2"), Now).Known);
        Assert.False(Meter.Price("ap-south-2", Task(pullStarted: Now.AddHours(-1)), Now).Known);
    }

    [Fact]
    public void TheSummaryRollsUpPerServiceAndPerPersonAndCountsOnlyRunningTasksPerHour()
    {
        var tasks = new[]
        {
            Task("a", pullStarted: Now.AddHours(-2), startedBy: "alice"),
            Task("b", pullStarted: Now.AddHours(-1), startedBy: "alice"),
            Task("c", pullStarted: Now.AddHours(-1), startedBy: "ecs-svc/123", group: "service:web"),
            Task("d", pullStarted: Now.AddHours(-3), stoppedAt: Now.AddHours(-2), status: "STOPPED", startedBy: "bob"),
        };
        var summary = Meter.Summarize(Region, tasks, Now);

        Assert.Equal(3, summary.RunningTasks);
        Assert.Equal(OneVcpuTwoGb * 3, summary.PerHour);
        Assert.Equal(OneVcpuTwoGb * 5, summary.SoFar);
        var alice = Assert.Single(summary.ByPerson, l => l.Key == "alice");
        Assert.Equal((2, OneVcpuTwoGb * 2, OneVcpuTwoGb * 3), (alice.RunningTasks, alice.PerHour, alice.SoFar));
        var bob = Assert.Single(summary.ByPerson, l => l.Key == "bob");
        Assert.Equal((0, 0m, OneVcpuTwoGb), (bob.RunningTasks, bob.PerHour, bob.SoFar));
        Assert.Contains(summary.ByPerson, l => l.Key == CostMeter.ServiceSchedulerKey);
        Assert.Equal(OneVcpuTwoGb, Assert.Single(summary.ByService, l => l.Key == "web").PerHour);
        Assert.Equal(OneVcpuTwoGb * 2, Assert.Single(summary.ByService, l => l.Key == CostMeter.StandaloneKey).PerHour);
    }

    [Fact]
    public void HourlyBucketsSplitATaskAcrossTheHoursItOverlapped()
    {
        var from = new DateTimeOffset(2026, 3, 14, 6, 0, 0, TimeSpan.Zero);
        // 06:30 → 08:15, and a second task only in the 07:00 hour.
        var rows = new[]
        {
            (Record(from.AddMinutes(30), from.AddMinutes(135)), (DateTimeOffset?)from.AddMinutes(135)),
            (Record(from.AddMinutes(70), from.AddMinutes(80)), (DateTimeOffset?)from.AddMinutes(80)),
        };
        var hours = Meter.Hourly(Region, rows, from, from.AddHours(4), Now);

        Assert.Equal(4, hours.Count);
        Assert.Equal([1, 2, 1, 0], hours.Select(h => h.Tasks));
        Assert.Equal(OneVcpuTwoGb / 2, hours[0].Cost, 12);
        Assert.Equal(OneVcpuTwoGb + (OneVcpuTwoGb / 6), hours[1].Cost, 12);
        Assert.Equal(OneVcpuTwoGb / 4, hours[2].Cost, 12);
        Assert.Equal(0, hours[3].Cost);
        Assert.Equal(from.AddHours(1), hours[1].Start);
    }

    [Fact]
    public void ARecordNobodyHasSeenForLongCountsOnlyUntilItWasLastSeen()
    {
        var stale = Record(Now.AddHours(-5), null, lastSeen: Now.AddHours(-3));
        var fresh = Record(Now.AddHours(-5), null, lastSeen: Now.AddMinutes(-1));

        Assert.Equal(Now.AddHours(-3), CostMeter.RecordEnd(stale, Now, TimeSpan.FromHours(1)));
        Assert.Null(CostMeter.RecordEnd(fresh, Now, TimeSpan.FromHours(1)));
        Assert.Equal(OneVcpuTwoGb * 2, Meter.Price(Region, stale, CostMeter.RecordEnd(stale, Now, TimeSpan.FromHours(1)), Now).SoFar);
    }

    private static EcsTaskRecord Record(DateTimeOffset start, DateTimeOffset? stop, DateTimeOffset? lastSeen = null) => new()
    {
        TaskArn = $"arn:aws:ecs:us-east-1:1:task/demo/{Guid.NewGuid():N}",
        Cpu = 1024,
        Memory = 2048,
        LaunchType = "FARGATE",
        StartedAt = start,
        StoppedAt = stop,
        LastStatus = stop is null ? "RUNNING" : "STOPPED",
        LastSeenAt = lastSeen ?? stop ?? Now,
    };

    internal static EcsTaskDetail Task(
        string id = "t1", DateTimeOffset? pullStarted = null, DateTimeOffset? started = null, DateTimeOffset? stoppedAt = null,
        string status = "RUNNING", string? capacityProvider = null, string launchType = "FARGATE", int cpu = 1024, int memory = 2048,
        string? startedBy = "alice", string? group = null)
    {
        var summary = new EcsTaskSummary(id, $"arn:aws:ecs:us-east-1:123456789012:task/demo/{id}", "arn:aws:ecs:us-east-1:123456789012:cluster/demo",
            TaskDefinitionRef.Parse("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"),
            Enum.Parse<EcsTaskStatus>(status, ignoreCase: true), status == "STOPPED" ? EcsTaskStatus.Stopped : EcsTaskStatus.Running,
            Enum.Parse<EcsLaunchType>(launchType, ignoreCase: true), capacityProvider, cpu, memory,
            new EcsTaskTimes(pullStarted?.AddSeconds(-5), pullStarted, pullStarted?.AddSeconds(2), started ?? pullStarted?.AddSeconds(3), stoppedAt, stoppedAt, stoppedAt),
            startedBy, group ?? "family:web", EcsStopCode.None, null, null);
        return new EcsTaskDetail(summary, [], new Dictionary<string, string>(), "1.4.0", "us-east-1a", EcsHealthStatus.Unknown);
    }
}
