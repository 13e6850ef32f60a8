using System.Text.Json.Nodes;
using AutoPR.Deployment.Ecs.Views;

namespace AutoPR.Deployment.Diff;

/// <summary>Compares rendered definitions with what ECS has, without false differences from API-filled values.</summary>
public static class DefinitionComparer
{
    /// <summary>The task-definition diff: <paramref name="running"/> (null when none) against the rendered document.</summary>
    public static DefinitionDiff CompareTaskDefinition(JsonObject rendered, EcsTaskDefinitionView? running)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var family = rendered["family"]?.GetValue<string>() ?? "?";
        return new DefinitionDiff(
            $"task definition {family}",
            running is null ? null : $"running {running.Family}:{running.Revision}",
            "rendered",
            running is null ? null : CanonicalJson.ToText(TaskDefinitionNormalizer.Normalize(running.Json)),
            CanonicalJson.ToText(TaskDefinitionNormalizer.Normalize(rendered)));
    }

    /// <summary>Whether a registered revision is the rendered task definition (so it can be reused instead of registering).</summary>
    public static bool SameTaskDefinition(JsonObject rendered, JsonObject registered) =>
        string.Equals(
            CanonicalJson.ToText(TaskDefinitionNormalizer.Normalize(rendered)),
            CanonicalJson.ToText(TaskDefinitionNormalizer.Normalize(registered)),
            StringComparison.Ordinal);

    /// <summary>The service-configuration diff: <paramref name="running"/> (null when missing) against the rendered definition.</summary>
    public static DefinitionDiff CompareService(JsonObject renderedService, EcsServiceView? running)
    {
        ArgumentNullException.ThrowIfNull(renderedService);
        var name = renderedService["serviceName"]?.GetValue<string>() ?? "?";
        var rendered = ServiceNormalizer.FromDefinition(renderedService);
        var members = renderedService.Select(p => p.Key == "role" ? "roleArn" : p.Key).ToList();
        return new DefinitionDiff(
            $"service {name}",
            running is null ? null : $"running service {running.Name}",
            "rendered",
            running is null ? null : CanonicalJson.ToText(ServiceNormalizer.FromDescribed(running.Json, members)),
            CanonicalJson.ToText(rendered));
    }
}
