namespace EcsConsole.Core.TaskDefinitions;

/// <summary>A task size Fargate accepts: CPU units and memory in MiB.</summary>
public sealed record FargateSize(int Cpu, int Memory)
{
    public double Vcpu => Cpu / 1024.0;
    public double MemoryGb => Memory / 1024.0;

    /// <summary>8 and 16 vCPU exist only on Linux with platform version 1.4.0 or later.</summary>
    public bool NeedsLinuxPlatform14 => Cpu >= 8192;

    public string CpuLabel => FargateSizes.CpuLabel(Cpu);
    public string MemoryLabel => FargateSizes.MemoryLabel(Memory);
    public override string ToString() => $"{CpuLabel}, {MemoryLabel}";
}

/// <summary>The Fargate cpu → memory table (AWS-FACTS): every valid pair, and which operating systems take it.</summary>
public static class FargateSizes
{
    public const string Linux = "LINUX";
    public const int MinEphemeralStorageGiB = 21;
    public const int MaxEphemeralStorageGiB = 200;
    public const int IncludedEphemeralStorageGiB = 20;

    /// <summary>Operating system families Fargate runs; every Windows one starts at 1 vCPU and has no ARM.</summary>
    public static readonly IReadOnlyList<string> OperatingSystems =
        [Linux, "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2022_CORE"];

    public static readonly IReadOnlyList<string> Architectures = ["X86_64", "ARM64"];

    public static readonly IReadOnlyList<FargateSize> All = Build();

    private static List<FargateSize> Build()
    {
        var sizes = new List<FargateSize> { new(256, 512), new(256, 1024), new(256, 2048) };
        AddRange(sizes, 512, 1024, 4096, 1024);
        AddRange(sizes, 1024, 2048, 8192, 1024);
        AddRange(sizes, 2048, 4096, 16384, 1024);
        AddRange(sizes, 4096, 8192, 30720, 1024);
        AddRange(sizes, 8192, 16384, 61440, 4096);
        AddRange(sizes, 16384, 32768, 122880, 8192);
        return sizes;
    }

    private static void AddRange(List<FargateSize> sizes, int cpu, int from, int to, int step)
    {
        for (var m = from; m <= to; m += step) sizes.Add(new FargateSize(cpu, m));
    }

    public static bool IsWindows(string? operatingSystem)
        => operatingSystem?.StartsWith("WINDOWS", StringComparison.OrdinalIgnoreCase) == true;

    public static bool Supports(FargateSize size, string? operatingSystem)
        => IsWindows(operatingSystem) ? size.Cpu is >= 1024 and <= 4096 : true;

    public static IReadOnlyList<FargateSize> For(string? operatingSystem) => [.. All.Where(s => Supports(s, operatingSystem))];

    public static IReadOnlyList<int> CpuChoices(string? operatingSystem) => [.. For(operatingSystem).Select(s => s.Cpu).Distinct()];

    public static IReadOnlyList<int> MemoryChoices(int cpu, string? operatingSystem)
        => [.. For(operatingSystem).Where(s => s.Cpu == cpu).Select(s => s.Memory)];

    public static bool IsValid(int cpu, int memory, string? operatingSystem)
        => All.Any(s => s.Cpu == cpu && s.Memory == memory && Supports(s, operatingSystem));

    public static string CpuLabel(int cpu) => $"{FormatNumber(cpu / 1024.0)} vCPU";

    public static string MemoryLabel(int memory) => $"{FormatNumber(memory / 1024.0)} GB";

    private static string FormatNumber(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
