using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>One entry of a service's "deployments" (PRIMARY, ACTIVE, INACTIVE).</summary>
public sealed class EcsDeploymentView(JsonObject json)
{
    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>id ("ecs-svc/...").</summary>
    public string? Id => JsonRead.GetString(Json, "id");

    /// <summary>status: PRIMARY, ACTIVE or INACTIVE.</summary>
    public string? Status => JsonRead.GetString(Json, "status");

    /// <summary>taskDefinition ARN.</summary>
    public string? TaskDefinition => JsonRead.GetString(Json, "taskDefinition");

    /// <summary>rolloutState: IN_PROGRESS, COMPLETED or FAILED (circuit breaker).</summary>
    public string? RolloutState => JsonRead.GetString(Json, "rolloutState");

    /// <summary>rolloutStateReason.</summary>
    public string? RolloutStateReason => JsonRead.GetString(Json, "rolloutStateReason");

    /// <summary>desiredCount.</summary>
    public int DesiredCount => JsonRead.GetInt(Json, "desiredCount") ?? 0;

    /// <summary>runningCount.</summary>
    public int RunningCount => JsonRead.GetInt(Json, "runningCount") ?? 0;

    /// <summary>pendingCount.</summary>
    public int PendingCount => JsonRead.GetInt(Json, "pendingCount") ?? 0;

    /// <summary>failedTasks.</summary>
    public int FailedTasks => JsonRead.GetInt(Json, "failedTasks") ?? 0;

    /// <summary>createdAt.</summary>
    public DateTimeOffset? CreatedAt => JsonRead.GetTimestamp(Json, "createdAt");

    /// <summary>updatedAt.</summary>
    public DateTimeOffset? UpdatedAt => JsonRead.GetTimestamp(Json, "updatedAt");
}
