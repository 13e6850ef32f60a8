using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// Tolerant readers for response documents: a missing member or one of another type reads as null, so a
/// response with members the code does not know (or lacks an optional one) never breaks a reader.
/// </summary>
public static class JsonRead
{
    /// <summary>A string member, or null.</summary>
    public static string? GetString(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An integer member, or null.</summary>
    public static int? GetInt(JsonNode? node, string name) =>
        GetNumber(node, name) is { } d && d >= int.MinValue && d <= int.MaxValue ? (int)d : null;

    /// <summary>A numeric member, or null.</summary>
    public static double? GetNumber(JsonNode? node, string name)
    {
        if (node is not JsonObject o || o[name] is not JsonValue v)
        {
            return null;
        }

        // Parsed JSON holds JsonElement numbers, built JSON holds CLR ints and doubles: the text reads the same for both.
        return v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A boolean member, or null.</summary>
    public static bool? GetBool(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>
    /// A timestamp member: AWS JSON sends epoch seconds (possibly fractional); ISO-8601 strings are accepted too
    /// because some emulators send them.
    /// </summary>
    public static DateTimeOffset? GetTimestamp(JsonNode? node, string name)
    {
        if (node is not JsonObject o || o[name] is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v.GetValue<double>() * 1000)),
            JsonValueKind.String => ParseTimestamp(v.GetValue<string>()),
            _ => null,
        };
    }

    /// <summary>The elements of an array member (empty when missing).</summary>
    public static IEnumerable<JsonNode> GetArray(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray a ? a.Where(e => e is not null).Select(e => e!) : [];

    /// <summary>The string elements of an array member (empty when missing).</summary>
    public static IReadOnlyList<string> GetStrings(JsonNode? node, string name) =>
        GetArray(node, name).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();

    /// <summary>An object member, or null.</summary>
    public static JsonObject? GetObject(JsonNode? node, string name) =>
        node is JsonObject o ? o[name] as JsonObject : null;

    private static DateTimeOffset? ParseTimestamp(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }
}
