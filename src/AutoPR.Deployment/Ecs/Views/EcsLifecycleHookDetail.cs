using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>One lifecycle hook of a service deployment (lifecycleHookDetails[]).</summary>
public sealed record EcsLifecycleHookDetail(string? HookId, string? TargetType, string? TargetArn, string? Status, DateTimeOffset? ExpiresAt, string? TimeoutAction)
{
    /// <summary>A PAUSE hook waiting for ContinueServiceDeployment.</summary>
    public bool IsAwaitingAction => string.Equals(Status, "AWAITING_ACTION", StringComparison.Ordinal);

    /// <summary>Reads a DeploymentLifecycleHookDetail object.</summary>
    public static EcsLifecycleHookDetail From(JsonNode node) => new(
        JsonRead.GetString(node, "hookId"),
        JsonRead.GetString(node, "targetType"),
        JsonRead.GetString(node, "targetArn"),
        JsonRead.GetString(node, "status"),
        JsonRead.GetTimestamp(node, "expiresAt"),
        JsonRead.GetString(node, "timeoutAction"));
}
