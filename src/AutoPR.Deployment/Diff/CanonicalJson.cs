using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Diff;

/// <summary>
/// One text per meaning: object members sorted, nulls and empty arrays/objects dropped (ECS treats them as
/// absent), integral numbers written without a fraction. Two documents mean the same when their texts are equal.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The canonical copy of <paramref name="node"/> (null when nothing is left).</summary>
    public static JsonNode? Canonicalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (name, child) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var canonical = Canonicalize(child);
                    if (canonical is not null)
                    {
                        result[name] = canonical;
                    }
                }

                return result.Count == 0 ? null : result;
            case JsonArray a:
                var array = new JsonArray();
                foreach (var item in a)
                {
                    // Elements keep their place even when empty: position can carry meaning.
                    array.Add(Canonicalize(item) ?? (item is JsonObject ? new JsonObject() : null));
                }

                return array.Count == 0 ? null : array;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var number = JsonNumbers.Get(v)!.Value;
                return Math.Abs(number) < 1e15 && number == Math.Floor(number) ? JsonValue.Create((long)number) : JsonValue.Create(number);
            case JsonValue v when v.GetValueKind() == JsonValueKind.Null:
                return null;
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Indented text of an already canonical node ("" for null).</summary>
    public static string ToText(JsonNode? canonical) => canonical is null ? string.Empty : canonical.ToJsonString(Pretty).ReplaceLineEndings("\n");
}
