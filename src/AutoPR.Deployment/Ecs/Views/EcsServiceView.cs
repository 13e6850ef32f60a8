using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>Reads the members of an ECS service document that the deployment needs; <see cref="Json"/> has the rest.</summary>
public sealed class EcsServiceView(JsonObject json)
{
    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>serviceArn.</summary>
    public string? Arn => JsonRead.GetString(Json, "serviceArn");

    /// <summary>serviceName.</summary>
    public string? Name => JsonRead.GetString(Json, "serviceName");

    /// <summary>clusterArn.</summary>
    public string? ClusterArn => JsonRead.GetString(Json, "clusterArn");

    /// <summary>status (ACTIVE, DRAINING, INACTIVE).</summary>
    public string? Status => JsonRead.GetString(Json, "status");

    /// <summary>The task definition of the primary deployment.</summary>
    public string? TaskDefinition => JsonRead.GetString(Json, "taskDefinition");

    /// <summary>desiredCount.</summary>
    public int DesiredCount => JsonRead.GetInt(Json, "desiredCount") ?? 0;

    /// <summary>runningCount.</summary>
    public int RunningCount => JsonRead.GetInt(Json, "runningCount") ?? 0;

    /// <summary>pendingCount.</summary>
    public int PendingCount => JsonRead.GetInt(Json, "pendingCount") ?? 0;

    /// <summary>The ARN of the service deployment in progress or last completed (currentServiceDeployment).</summary>
    public string? CurrentServiceDeployment => JsonRead.GetString(Json, "currentServiceDeployment");

    /// <summary>deploymentConfiguration, as sent.</summary>
    public JsonObject? DeploymentConfiguration => JsonRead.GetObject(Json, "deploymentConfiguration");

    /// <summary>The deployment alarms ECS watches (deploymentConfiguration.alarms, when enabled); empty for none.</summary>
    public IReadOnlyList<string> AlarmNames =>
        JsonRead.GetObject(DeploymentConfiguration, "alarms") is { } alarms && JsonRead.GetBool(alarms, "enable") == true
            ? JsonRead.GetStrings(alarms, "alarmNames")
            : [];

    /// <summary>The deployments (PRIMARY first as ECS sends them).</summary>
    public IReadOnlyList<EcsDeploymentView> Deployments =>
        JsonRead.GetArray(Json, "deployments").OfType<JsonObject>().Select(d => new EcsDeploymentView(d)).ToList();

    /// <summary>The newest service events (ECS keeps the last 100, newest first).</summary>
    public IReadOnlyList<EcsServiceEvent> Events =>
        JsonRead.GetArray(Json, "events").Select(EcsServiceEvent.From).ToList();
}
