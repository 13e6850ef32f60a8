using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoPR.Images.Build;

/// <summary>
/// The record of a built (or already present) image, written as JSON for the later steps
/// (push, deploy): which image, from which revision, with which labels.
/// </summary>
public sealed record ImageBuildRecord
{
    /// <summary>sha256:... image id (the config digest).</summary>
    public required string ImageId { get; init; }

    /// <summary>Local repository, e.g. autopr.</summary>
    public required string Repository { get; init; }

    /// <summary>The revision tag: the commit sha, or &lt;sha&gt;-dirty-&lt;hash&gt;.</summary>
    public required string Tag { get; init; }

    /// <summary>Every repository:tag the image carries.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public required string Commit { get; init; }

    public required bool Dirty { get; init; }

    /// <summary>Digest of the build inputs (revision tag, base image id, build arguments, Dockerfile path, publish settings).</summary>
    public required string InputsDigest { get; init; }

    /// <summary>sha256:... of the context tar; null when the build was skipped.</summary>
    public string? ContextDigest { get; init; }

    public required bool Skipped { get; init; }

    /// <summary>Why nothing was built, when <see cref="Skipped"/>.</summary>
    public string? SkipReason { get; init; }

    [JsonIgnore]
    public string Reference => $"{Repository}:{Tag}";

    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, BuildJsonContext.Default.ImageBuildRecord, cancellationToken);
    }

    public static async Task<ImageBuildRecord> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, BuildJsonContext.Default.ImageBuildRecord, cancellationToken)
            ?? throw new InvalidDataException($"{path} holds no image build record: run the image build again.");
    }
}
