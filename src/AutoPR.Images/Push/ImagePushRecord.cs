using System.Text.Json;

namespace AutoPR.Images.Push;

/// <summary>
/// What was pushed for an environment, written for the steps after the push (deploy, promote): they deploy the
/// pinned <see cref="Image"/>, never a tag. The counterpart of <see cref="Build.ImageBuildRecord"/>.
/// </summary>
/// <param name="Environment">The environment whose registry holds the image.</param>
/// <param name="Image">The image, pinned by digest.</param>
/// <param name="Commit">The git commit it was built from.</param>
public sealed record ImagePushRecord(string Environment, ImageReference Image, string Commit)
{
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!Image.IsPinned)
        {
            throw new InvalidOperationException($"{Image} has no digest; only a pushed image is recorded.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, PushJsonContext.Default.ImagePushRecord, cancellationToken);
    }

    /// <summary>Reads a record; a missing or unreadable file is one line that says to push first.</summary>
    public static async Task<ImagePushRecord> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run ./build.sh PushEcr --environment <name> first.");
        }

        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, PushJsonContext.Default.ImagePushRecord, cancellationToken) is { Image.IsPinned: true } record
                ? record
                : throw new InvalidOperationException($"{path} names no pinned image; run ./build.sh PushEcr again.");
        }
        catch (JsonException error)
        {
            throw new InvalidOperationException($"{path} is not a push record ({error.Message}); run ./build.sh PushEcr again.", error);
        }
    }
}
