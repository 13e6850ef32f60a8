using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>Reads the members of an ECS task document that the deployment needs; <see cref="Json"/> has the rest.</summary>
public sealed class EcsTaskView(JsonObject json)
{
    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>taskArn.</summary>
    public string? Arn => JsonRead.GetString(Json, "taskArn");

    /// <summary>taskDefinitionArn.</summary>
    public string? TaskDefinitionArn => JsonRead.GetString(Json, "taskDefinitionArn");

    /// <summary>lastStatus (PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED).</summary>
    public string? LastStatus => JsonRead.GetString(Json, "lastStatus");

    /// <summary>desiredStatus.</summary>
    public string? DesiredStatus => JsonRead.GetString(Json, "desiredStatus");

    /// <summary>healthStatus (HEALTHY, UNHEALTHY, UNKNOWN).</summary>
    public string? HealthStatus => JsonRead.GetString(Json, "healthStatus");

    /// <summary>stopCode (TaskFailedToStart, EssentialContainerExited, ...).</summary>
    public string? StopCode => JsonRead.GetString(Json, "stopCode");

    /// <summary>stoppedReason.</summary>
    public string? StoppedReason => JsonRead.GetString(Json, "stoppedReason");

    /// <summary>startedBy ("ecs-svc/..." for service tasks).</summary>
    public string? StartedBy => JsonRead.GetString(Json, "startedBy");

    /// <summary>group ("service:autopr").</summary>
    public string? Group => JsonRead.GetString(Json, "group");

    /// <summary>createdAt.</summary>
    public DateTimeOffset? CreatedAt => JsonRead.GetTimestamp(Json, "createdAt");

    /// <summary>startedAt.</summary>
    public DateTimeOffset? StartedAt => JsonRead.GetTimestamp(Json, "startedAt");

    /// <summary>stoppedAt.</summary>
    public DateTimeOffset? StoppedAt => JsonRead.GetTimestamp(Json, "stoppedAt");

    /// <summary>The containers with their status, exit code and reason.</summary>
    public IReadOnlyList<EcsContainerState> Containers =>
        JsonRead.GetArray(Json, "containers").Select(EcsContainerState.From).ToList();
}
