using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>ECS tags: a list of {key, value}.</summary>
public static class TagShape
{
    public static JsonArray ToJson(IReadOnlyDictionary<string, string>? tags) =>
        [.. (tags ?? new Dictionary<string, string>()).Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })];

    public static Dictionary<string, string> Parse(JsonArray? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags?.OfType<JsonObject>() ?? [])
        {
            var key = tag["key"]?.GetValue<string>() ?? tag["Key"]?.GetValue<string>();
            if (key is not null)
            {
                result[key] = tag["value"]?.GetValue<string>() ?? tag["Value"]?.GetValue<string>() ?? string.Empty;
            }
        }

        return result;
    }
}
