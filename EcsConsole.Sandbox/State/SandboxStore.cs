using System.Text.Json;
using EcsConsole.Core.Aws;
using EcsConsole.Sandbox.Engine;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Sandbox.State;

/// <summary>Keeps the account in one JSON file, written atomically (temp file, then rename).</summary>
internal sealed class SandboxStore(string folder, ILogger logger)
{
    public const string FileName = "state.json";

    private static readonly JsonSerializerOptions Json = new(AwsJson.Options) { WriteIndented = false };

    public string Path { get; } = System.IO.Path.Combine(folder, FileName);

    public SandboxState? Load()
    {
        if (!File.Exists(Path)) return null;
        try
        {
            using var stream = File.OpenRead(Path);
            return JsonSerializer.Deserialize<SandboxState>(stream, Json);
        }
        catch (JsonException ex)
        {
            // A damaged file must not keep the app from starting: keep it for inspection, start afresh.
            var aside = Path + ".broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            File.Move(Path, aside, overwrite: true);
            logger.LogWarning(ex, "The sandbox state in {Path} could not be read; it was moved to {Aside} and the account starts fresh", Path, aside);
            return null;
        }
    }

    public async Task SaveAsync(SandboxAccount account, CancellationToken ct)
    {
        var json = account.Snapshot(state => JsonSerializer.Serialize(state, Json));
        Directory.CreateDirectory(folder);
        var temp = Path + ".tmp";
        await File.WriteAllTextAsync(temp, json, ct).ConfigureAwait(false);
        File.Move(temp, Path, overwrite: true);
    }

    public void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }
}
