using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>One entry of a Describe* call's "failures" (for example a service that does not exist: reason MISSING).</summary>
public sealed record EcsFailure(string? Arn, string? Reason, string? Detail)
{
    /// <summary>Reads a failure object.</summary>
    public static EcsFailure From(JsonNode node) =>
        new(JsonRead.GetString(node, "arn"), JsonRead.GetString(node, "reason"), JsonRead.GetString(node, "detail"));
}
