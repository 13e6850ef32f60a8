using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecr;

/// <summary>Reads an ImageDetail document (DescribeImages); <see cref="Json"/> has the rest.</summary>
public sealed class EcrImageDetailView(JsonObject json)
{
    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>imageDigest.</summary>
    public string? Digest => JsonRead.GetString(Json, "imageDigest");

    /// <summary>imageTags.</summary>
    public IReadOnlyList<string> Tags => JsonRead.GetStrings(Json, "imageTags");

    /// <summary>imagePushedAt.</summary>
    public DateTimeOffset? PushedAt => JsonRead.GetTimestamp(Json, "imagePushedAt");

    /// <summary>imageSizeInBytes.</summary>
    public long? SizeInBytes => JsonRead.GetNumber(Json, "imageSizeInBytes") is { } n ? (long)n : null;

    /// <summary>imageManifestMediaType.</summary>
    public string? ManifestMediaType => JsonRead.GetString(Json, "imageManifestMediaType");

    /// <summary>imageScanStatus.status (IN_PROGRESS, COMPLETE, FAILED, ...).</summary>
    public string? ScanStatus => JsonRead.GetString(JsonRead.GetObject(Json, "imageScanStatus"), "status");
}
