using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>ECS tags: [{"key": "...", "value": "..."}].</summary>
public static class EcsTags
{
    /// <summary>The "tags" member of a document as a dictionary (empty when missing).</summary>
    public static IReadOnlyDictionary<string, string> Read(JsonNode? node)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in JsonRead.GetArray(node, "tags"))
        {
            if (JsonRead.GetString(tag, "key") is { } key)
            {
                tags[key] = JsonRead.GetString(tag, "value") ?? string.Empty;
            }
        }

        return tags;
    }

    /// <summary>A dictionary as an ECS tag list.</summary>
    public static JsonArray Write(IReadOnlyDictionary<string, string> tags) => JsonBuild.Tags(tags, "key", "value");
}
