using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecr;

/// <summary>An image a batch call could not return (failureCode ImageNotFound, ImageTagDoesNotMatchDigest, ...).</summary>
public sealed record EcrImageFailure(EcrImageId ImageId, string? FailureCode, string? FailureReason)
{
    /// <summary>Reads an ImageFailure object.</summary>
    public static EcrImageFailure From(JsonNode? node) => new(
        EcrImageId.From(JsonRead.GetObject(node, "imageId")),
        JsonRead.GetString(node, "failureCode"),
        JsonRead.GetString(node, "failureReason"));
}

/// <summary>The images BatchGetImage returned and those it could not.</summary>
public sealed record EcrBatchGetImageResult(IReadOnlyList<EcrImage> Images, IReadOnlyList<EcrImageFailure> Failures);
