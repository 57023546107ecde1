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
}
