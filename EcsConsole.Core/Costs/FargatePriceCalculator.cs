using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Costs;

/// <summary>What one task of a given size uses, for pricing.</summary>
public sealed record FargateUsage(int CpuUnits, int MemoryMiB, bool Arm64 = false, int EphemeralStorageGiB = 20, bool PublicIpv4 = false, bool Spot = false, bool Windows = false);

/// <summary>A price estimate; null <see cref="PerHour"/> when there is no price table for the region.</summary>
public sealed record FargatePrice(string Region, decimal? PerHour, decimal? PerMonth)
{
    public bool Known => PerHour is not null;
}

/// <summary>Fargate arithmetic: vCPU-hours and GB-hours, storage above 20 GB, a public IPv4, Spot; per-second billing with a one-minute minimum.</summary>
public sealed class FargatePriceCalculator(IOptions<PricingOptions> options)
{
    public const int IncludedStorageGiB = 20;

    public FargateRegionPrices? PricesFor(string region)
        => options.Value.Regions.TryGetValue(region, out var prices) ? prices : null;

    /// <summary>The cost of one task running for an hour.</summary>
    public decimal? HourlyCost(string region, FargateUsage usage)
    {
        if (PricesFor(region) is not { } p) return null;
        var vcpu = usage.CpuUnits / 1024m;
        var gb = usage.MemoryMiB / 1024m;
        var (vcpuRate, gbRate) = (usage.Arm64, usage.Windows) switch
        {
            (true, _) => (p.ArmVcpuHour, p.ArmGbHour),
            (_, true) => (p.WindowsVcpuHour ?? p.VcpuHour, p.WindowsGbHour ?? p.GbHour),
            _ => (p.VcpuHour, p.GbHour),
        };
        if (usage.Spot)
        {
            // Configured Spot rates win; otherwise the discount (Spot is sold for Linux/x86 only, so ARM and Windows use the discount too).
            var useRates = !usage.Arm64 && !usage.Windows;
            vcpuRate = useRates && p.SpotVcpuHour is { } sv ? sv : vcpuRate * (1 - p.SpotDiscount);
            gbRate = useRates && p.SpotGbHour is { } sg ? sg : gbRate * (1 - p.SpotDiscount);
        }

        var compute = (vcpu * vcpuRate) + (gb * gbRate);
        var license = usage.Windows ? vcpu * p.WindowsLicenseVcpuHour : 0;
        var storage = Math.Max(0, usage.EphemeralStorageGiB - IncludedStorageGiB) * p.StorageGbHour;
        var ip = usage.PublicIpv4 ? p.PublicIpv4Hour : 0;
        return compute + license + storage + ip;
    }

    public FargatePrice Estimate(string region, FargateUsage usage)
    {
        var hour = HourlyCost(region, usage);
        return new FargatePrice(region, hour, hour * (decimal)options.Value.HoursPerMonth);
    }

    /// <summary>The cost of one task that ran for <paramref name="runtime"/>: billed per second, at least one minute (Windows: WindowsMinimumMinutes).</summary>
    public decimal? CostOf(string region, FargateUsage usage, TimeSpan runtime)
    {
        if (HourlyCost(region, usage) is not { } hourly) return null;
        var minimum = usage.Windows ? Math.Max(1, PricesFor(region)!.WindowsMinimumMinutes) * 60L : 60L;
        var seconds = Math.Max(minimum, BilledSeconds(runtime));
        return hourly * seconds / 3600m;
    }

    /// <summary>Seconds billed for a stretch of time: rounded up to the next whole second.</summary>
    public static long BilledSeconds(TimeSpan runtime) => runtime <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(runtime.TotalSeconds);
}
