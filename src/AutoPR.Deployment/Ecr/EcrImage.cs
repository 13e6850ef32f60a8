using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecr;

/// <summary>An image with its manifest (BatchGetImage, PutImage).</summary>
public sealed record EcrImage(string? RepositoryName, EcrImageId ImageId, string? Manifest, string? ManifestMediaType)
{
    /// <summary>Reads an Image object.</summary>
    public static EcrImage From(JsonNode? node) => new(
        JsonRead.GetString(node, "repositoryName"),
        EcrImageId.From(JsonRead.GetObject(node, "imageId")),
        JsonRead.GetString(node, "imageManifest"),
        JsonRead.GetString(node, "imageManifestMediaType"));
}
