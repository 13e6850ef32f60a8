using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>One service event ("(service autopr) has reached a steady state.").</summary>
public sealed record EcsServiceEvent(string? Id, DateTimeOffset? CreatedAt, string? Message)
{
    /// <summary>Reads an event object.</summary>
    public static EcsServiceEvent From(JsonNode node) =>
        new(JsonRead.GetString(node, "id"), JsonRead.GetTimestamp(node, "createdAt"), JsonRead.GetString(node, "message"));
}
