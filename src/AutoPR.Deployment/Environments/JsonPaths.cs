using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Environments;

/// <summary>Converts JSON Pointers ("/deployment/strategy") to the JSON paths people read ("$.deployment.strategy").</summary>
internal static class JsonPaths
{
    /// <summary>The segments of a JSON Pointer, unescaped (RFC 6901).</summary>
    public static IReadOnlyList<string> Segments(string pointer)
    {
        var fragment = pointer.StartsWith('#') ? Uri.UnescapeDataString(pointer[1..]) : pointer;
        if (fragment.Length == 0)
        {
            return [];
        }

        return fragment.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    /// <summary>"$.a.b[0]" for "/a/b/0"; names that are not identifiers are quoted ($['$schema']).</summary>
    public static string ToJsonPath(IEnumerable<string> segments, JsonNode? document)
    {
        var path = new StringBuilder("$");
        var node = document;
        foreach (var segment in segments)
        {
            if (node is JsonArray && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                node = index < ((JsonArray)node).Count ? ((JsonArray)node)[index] : null;
                continue;
            }

            path.Append(IsIdentifier(segment) ? "." + segment : "['" + segment.Replace("'", "\\'", StringComparison.Ordinal) + "']");
            node = node is JsonObject o ? o[segment] : null;
        }

        return path.ToString();
    }

    /// <summary>The node a pointer's segments lead to, or null.</summary>
    public static JsonNode? Resolve(JsonNode? root, IEnumerable<string> segments)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>The subschema a local "$ref" points to, or the node itself when it has none.</summary>
    public static JsonObject? Deref(JsonNode schemaRoot, JsonObject? node) =>
        node?["$ref"] is JsonValue r && r.GetValue<string>().StartsWith('#')
            ? Resolve(schemaRoot, Segments(r.GetValue<string>())) as JsonObject
            : node;

    private static bool IsIdentifier(string segment) =>
        segment.Length > 0 && (char.IsAsciiLetter(segment[0]) || segment[0] == '_') && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
