using EcsConsole.Core.TaskDefinitions;

namespace EcsConsole.Tests.Core.TaskDefinitions;

public sealed class FargateSizesTests
{
    [Fact]
    public void TheTableHoldsEveryValidPairFromTheFargateDocumentation()
    {
        int[] expectedPerCpu = [3, 4, 7, 13, 23, 12, 12];
        int[] cpus = [256, 512, 1024, 2048, 4096, 8192, 16384];
        Assert.Equal(cpus, FargateSizes.All.Select(s => s.Cpu).Distinct());
        Assert.Equal(expectedPerCpu, cpus.Select(c => FargateSizes.All.Count(s => s.Cpu == c)));
        Assert.Equal([512, 1024, 2048], FargateSizes.MemoryChoices(256, "LINUX"));
        Assert.Equal(30720, FargateSizes.MemoryChoices(4096, "LINUX")[^1]);
        Assert.Equal([16384, 20480], FargateSizes.MemoryChoices(8192, "LINUX").Take(2));
        Assert.Equal(122880, FargateSizes.MemoryChoices(16384, "LINUX")[^1]);
    }

    [Theory]
    [InlineData(256, 512, "LINUX", true)]
    [InlineData(256, 4096, "LINUX", false)]
    [InlineData(512, 512, "LINUX", false)]
    [InlineData(8192, 18432, "LINUX", false)]
    [InlineData(8192, 20480, "LINUX", true)]
    [InlineData(512, 1024, "WINDOWS_SERVER_2022_CORE", false)]
    [InlineData(1024, 2048, "WINDOWS_SERVER_2022_CORE", true)]
    [InlineData(8192, 16384, "WINDOWS_SERVER_2019_FULL", false)]
    public void PairsAreValidOnlyWhereFargateOffersThem(int cpu, int memory, string os, bool valid)
        => Assert.Equal(valid, FargateSizes.IsValid(cpu, memory, os));

    [Fact]
    public void LabelsReadAsTheAwsConsoleShowsThem()
    {
        Assert.Equal("0.25 vCPU", FargateSizes.CpuLabel(256));
        Assert.Equal("0.5 GB", FargateSizes.MemoryLabel(512));
        Assert.Equal("16 vCPU", FargateSizes.CpuLabel(16384));
    }
}
