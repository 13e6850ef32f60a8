using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>A service revision taking part in a service deployment: its task counts and traffic weights.</summary>
public sealed record EcsServiceRevisionSummary(
    string? Arn,
    int RequestedTaskCount,
    int RunningTaskCount,
    int PendingTaskCount,
    double? RequestedProductionTrafficWeight,
    double? RequestedTestTrafficWeight)
{
    /// <summary>Reads a ServiceRevisionSummary object.</summary>
    public static EcsServiceRevisionSummary From(JsonNode node) => new(
        JsonRead.GetString(node, "arn"),
        JsonRead.GetInt(node, "requestedTaskCount") ?? 0,
        JsonRead.GetInt(node, "runningTaskCount") ?? 0,
        JsonRead.GetInt(node, "pendingTaskCount") ?? 0,
        JsonRead.GetNumber(node, "requestedProductionTrafficWeight"),
        JsonRead.GetNumber(node, "requestedTestTrafficWeight"));
}
