using System.Globalization;

namespace EcsConsole.Sandbox.Ecs;

/// <summary>The task sizes Fargate accepts (cpu units → memory MiB), as listed in the ECS developer guide.</summary>
internal static class FargateSizes
{
    private static readonly Dictionary<int, (int From, int To, int Step)> Table = new()
    {
        [256] = (512, 2048, 0),
        [512] = (1024, 4096, 1024),
        [1024] = (2048, 8192, 1024),
        [2048] = (4096, 16384, 1024),
        [4096] = (8192, 30720, 1024),
        [8192] = (16384, 61440, 4096),
        [16384] = (32768, 122880, 8192),
    };

    public static bool IsValid(int cpu, int memory)
    {
        if (!Table.TryGetValue(cpu, out var range)) return false;
        if (cpu == 256) return memory is 512 or 1024 or 2048;
        return memory >= range.From && memory <= range.To && (memory - range.From) % range.Step == 0;
    }

    /// <summary>Reads "256", "0.25 vCPU" or "1vcpu" as CPU units.</summary>
    public static int? ParseCpu(string? value) => Parse(value, "vcpu");

    /// <summary>Reads "512", "0.5 GB" or "2gb" as MiB.</summary>
    public static int? ParseMemory(string? value) => Parse(value, "gb");

    private static int? Parse(string? value, string unit)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim().ToLowerInvariant();
        var scaled = text.EndsWith(unit, StringComparison.Ordinal);
        if (scaled) text = text[..^unit.Length].Trim();
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) || number <= 0) return null;
        var result = scaled ? number * 1024 : number;
        return result == decimal.Truncate(result) && result <= int.MaxValue ? (int)result : null;
    }
}
