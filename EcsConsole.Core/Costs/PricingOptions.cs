namespace EcsConsole.Core.Costs;

/// <summary>Fargate prices per region (USD). Prices change and differ by region, so they are configuration.</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>Hours in the "per month" figures (AWS's pricing pages use 730).</summary>
    public double HoursPerMonth { get; set; } = 730;

    /// <summary>Region code → prices. us-east-1 is filled in; configuration adds or overrides regions.</summary>
    public Dictionary<string, FargateRegionPrices> Regions { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["us-east-1"] = new FargateRegionPrices(),
    };
}

/// <summary>On-demand Fargate prices of one region; defaults are us-east-1 (late 2026).</summary>
public sealed class FargateRegionPrices
{
    public decimal VcpuHour { get; set; } = 0.04048m;
    public decimal GbHour { get; set; } = 0.004445m;
    public decimal ArmVcpuHour { get; set; } = 0.03238m;
    public decimal ArmGbHour { get; set; } = 0.00356m;

    /// <summary>Per GB-hour of ephemeral storage above the 20 GB included.</summary>
    public decimal StorageGbHour { get; set; } = 0.000111m;

    public decimal PublicIpv4Hour { get; set; } = 0.005m;

    /// <summary>Fraction below on-demand that Fargate Spot costs (0.7 = 70% cheaper); it moves, so it is configured.</summary>
    public decimal SpotDiscount { get; set; } = 0.7m;

    /// <summary>Fargate Spot's own vCPU-hour rate when known (it replaces <see cref="SpotDiscount"/> for vCPU).</summary>
    public decimal? SpotVcpuHour { get; set; }

    /// <summary>Fargate Spot's own GB-hour rate when known (it replaces <see cref="SpotDiscount"/> for memory).</summary>
    public decimal? SpotGbHour { get; set; }

    /// <summary>Windows tasks' vCPU-hour rate; when unset the Linux/x86 rate is used.</summary>
    public decimal? WindowsVcpuHour { get; set; }

    /// <summary>Windows tasks' GB-hour rate; when unset the Linux/x86 rate is used.</summary>
    public decimal? WindowsGbHour { get; set; }

    /// <summary>
    /// The Windows Server license fee per vCPU-hour that Fargate adds for Windows tasks. An estimate
    /// (us-east-1's published fee when this was written); set the region's current figure here.
    /// </summary>
    public decimal WindowsLicenseVcpuHour { get; set; } = 0.046m;

    /// <summary>Windows tasks are billed for at least this many minutes (Linux: one minute).</summary>
    public int WindowsMinimumMinutes { get; set; } = 15;
}
