using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Images;

namespace AutoPR.Deployment.Rollout;

/// <summary>What a task definition says about the release it runs: image digest, git commit, version, image tag.</summary>
public sealed record TaskDefinitionFacts(string? Image, string? ImageDigest, string? GitSha, string? Version, string? ImageTag)
{
    /// <summary>The schema the release migrated the database to before its rollout, when it did (history records it).</summary>
    public Database.SchemaInfo? Schema { get; init; }

    /// <summary>The backup taken before that migration, when one was.</summary>
    public string? Backup { get; init; }

    /// <summary>Reads the first container (or the one named <paramref name="containerName"/>) of a task-definition document.</summary>
    public static TaskDefinitionFacts From(JsonObject taskDefinition, string? containerName = null)
    {
        ArgumentNullException.ThrowIfNull(taskDefinition);
        var containers = JsonRead.GetArray(taskDefinition, "containerDefinitions").ToList();
        var container = containers.FirstOrDefault(c => containerName is not null && JsonRead.GetString(c, "name") == containerName) ?? containers.FirstOrDefault();
        var variables = JsonRead.GetArray(container, "environment")
            .Where(e => JsonRead.GetString(e, "name") is not null)
            .GroupBy(e => JsonRead.GetString(e, "name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => JsonRead.GetString(g.Last(), "value"), StringComparer.Ordinal);
        var image = JsonRead.GetString(container, "image");
        return new TaskDefinitionFacts(
            image,
            ImageReference.DigestOf(image),
            variables.GetValueOrDefault("AUTOPR_REVISION"),
            variables.GetValueOrDefault("AUTOPR_VERSION"),
            variables.GetValueOrDefault("AUTOPR_IMAGE_TAG"));
    }
}
