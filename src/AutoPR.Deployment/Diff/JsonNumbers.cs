using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Diff;

/// <summary>Numbers of parsed documents and of values built in code (an int, a long) read alike.</summary>
internal static class JsonNumbers
{
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static double? Get(JsonNode? node) =>
        IsNumber(node) && double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
