using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>Small helpers to build request documents without nulls (an absent member is not sent).</summary>
public static class JsonBuild
{
    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode?)JsonValue.Create(value));
        }

        return array;
    }

    /// <summary>Sets <paramref name="name"/> only when <paramref name="value"/> is not null.</summary>
    public static JsonObject With(this JsonObject target, string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (value is not null)
        {
            target[name] = value;
        }

        return target;
    }

    /// <summary>Sets a string member only when it is not null.</summary>
    public static JsonObject With(this JsonObject target, string name, string? value) =>
        value is null ? target : target.With(name, (JsonNode)JsonValue.Create(value));

    /// <summary>Sets a number member only when it is not null.</summary>
    public static JsonObject With(this JsonObject target, string name, int? value) =>
        value is null ? target : target.With(name, (JsonNode)JsonValue.Create(value.Value));

    /// <summary>Sets a boolean member only when it is not null.</summary>
    public static JsonObject With(this JsonObject target, string name, bool? value) =>
        value is null ? target : target.With(name, (JsonNode)JsonValue.Create(value.Value));

    /// <summary>A list of tags in ECS form ([{"key","value"}]) or ECR form ([{"Key","Value"}]).</summary>
    public static JsonArray Tags(IReadOnlyDictionary<string, string> tags, string keyName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var array = new JsonArray();
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            array.Add((JsonNode)new JsonObject { [keyName] = key, [valueName] = value });
        }

        return array;
    }
}
