using System.Text.Json;

namespace AutoPR.BuildDefinition.Records;

/// <summary>What PushEcr pushed, read by the targets after it: they deploy by digest, never by tag.</summary>
internal sealed record PushRecord(string Environment, string Reference, string DigestReference, string Digest, string Tag, string Commit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(string path, PushRecord record, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(record, Json), cancellationToken);
    }

    public static async Task<PushRecord> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<PushRecord>(await File.ReadAllTextAsync(path, cancellationToken), Json)
                ?? throw new InvalidOperationException($"{path} is empty; run ./build.sh PushEcr again.")
            : throw new InvalidOperationException($"{path} is missing: run ./build.sh PushEcr --environment <name> first.");
}
