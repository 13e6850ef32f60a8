using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecr;

/// <summary>An image in a repository, by digest ("sha256:...") and/or tag.</summary>
public sealed record EcrImageId(string? Digest, string? Tag)
{
    /// <summary>An id by digest.</summary>
    public static EcrImageId ByDigest(string digest) => new(digest, null);

    /// <summary>An id by tag.</summary>
    public static EcrImageId ByTag(string tag) => new(null, tag);

    /// <summary>Reads an ImageIdentifier object.</summary>
    public static EcrImageId From(JsonNode? node) => new(JsonRead.GetString(node, "imageDigest"), JsonRead.GetString(node, "imageTag"));

    /// <summary>The ImageIdentifier object.</summary>
    public JsonObject ToJson() => new JsonObject().With("imageDigest", Digest).With("imageTag", Tag);
}
