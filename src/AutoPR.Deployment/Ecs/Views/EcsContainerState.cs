using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>One container of a task: what it runs and why it stopped.</summary>
public sealed record EcsContainerState(string? Name, string? Image, string? ImageDigest, string? LastStatus, string? HealthStatus, int? ExitCode, string? Reason)
{
    /// <summary>Reads a Container object.</summary>
    public static EcsContainerState From(JsonNode node) => new(
        JsonRead.GetString(node, "name"),
        JsonRead.GetString(node, "image"),
        JsonRead.GetString(node, "imageDigest"),
        JsonRead.GetString(node, "lastStatus"),
        JsonRead.GetString(node, "healthStatus"),
        JsonRead.GetInt(node, "exitCode"),
        JsonRead.GetString(node, "reason"));
}
