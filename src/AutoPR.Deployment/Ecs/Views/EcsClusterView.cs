using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>Reads the members of an ECS cluster document that the deployment needs; <see cref="Json"/> has the rest.</summary>
public sealed class EcsClusterView(JsonObject json)
{
    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>clusterArn.</summary>
    public string? Arn => JsonRead.GetString(Json, "clusterArn");

    /// <summary>clusterName.</summary>
    public string? Name => JsonRead.GetString(Json, "clusterName");

    /// <summary>status (ACTIVE, PROVISIONING, DEPROVISIONING, FAILED, INACTIVE).</summary>
    public string? Status => JsonRead.GetString(Json, "status");

    /// <summary>runningTasksCount.</summary>
    public int RunningTasksCount => JsonRead.GetInt(Json, "runningTasksCount") ?? 0;

    /// <summary>activeServicesCount.</summary>
    public int ActiveServicesCount => JsonRead.GetInt(Json, "activeServicesCount") ?? 0;
}
