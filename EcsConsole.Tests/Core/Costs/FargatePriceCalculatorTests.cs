using EcsConsole.Core.Costs;
using Microsoft.Extensions.Options;

namespace EcsConsole.Tests.Core.Costs;

public sealed class FargatePriceCalculatorTests
{
    private static readonly FargatePriceCalculator Calculator = new(Options.Create(new PricingOptions()));

    [Fact]
    public void TheTutorialTaskCostsAboutOneAndAHalfCentsPerHour()
    {
        // 0.25 × 0.04048 + 0.5 × 0.004445 = 0.0101200 + 0.0022225
        var price = Calculator.Estimate("us-east-1", new FargateUsage(256, 512));
        Assert.Equal(0.0123425m, price.PerHour);
        Assert.Equal(0.0123425m * 730, price.PerMonth);
    }

    [Fact]
    public void ArmStorageAndPublicIpAreAdded()
    {
        // 1 × 0.03238 + 2 × 0.00356 + (50 − 20) × 0.000111 + 0.005
        var hour = Calculator.HourlyCost("us-east-1", new FargateUsage(1024, 2048, Arm64: true, EphemeralStorageGiB: 50, PublicIpv4: true));
        Assert.Equal(0.03238m + 0.00712m + 0.00333m + 0.005m, hour);
    }

    [Fact]
    public void SpotTakesTheConfiguredDiscountOffCompute()
    {
        var onDemand = Calculator.HourlyCost("us-east-1", new FargateUsage(1024, 2048))!.Value;
        var spot = Calculator.HourlyCost("us-east-1", new FargateUsage(1024, 2048, Spot: true))!.Value;
        Assert.Equal(onDemand * 0.3m, spot);
    }

    [Fact]
    public void BillingIsPerSecondWithAOneMinuteMinimum()
    {
        var usage = new FargateUsage(1024, 2048);
        var hourly = Calculator.HourlyCost("us-east-1", usage)!.Value;
        Assert.Equal(hourly * 60 / 3600, Calculator.CostOf("us-east-1", usage, TimeSpan.FromSeconds(10)));
        Assert.Equal(hourly * 61 / 3600, Calculator.CostOf("us-east-1", usage, TimeSpan.FromSeconds(60.2)));
        Assert.Equal(hourly * 2, Calculator.CostOf("us-east-1", usage, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void ARegionWithoutAPriceTableHasNoPrice()
    {
        var price = Calculator.Estimate("ap-south-2", new FargateUsage(256, 512));
        Assert.False(price.Known);
        Assert.Null(Calculator.CostOf("ap-south-2", new FargateUsage(256, 512), TimeSpan.FromHours(1)));
    }
}
