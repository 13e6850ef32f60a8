using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Api;

/// <summary>AWS JSON protocols carry timestamps as epoch seconds (fractional allowed).</summary>
public static class AwsTime
{
    public static JsonNode ToJson(DateTimeOffset time) => JsonValue.Create(Math.Round(time.ToUnixTimeMilliseconds() / 1000.0, 3));

    public static DateTimeOffset? Parse(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue(out double seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        if (value.TryGetValue(out string? text))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(parsed * 1000));
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
            {
                return iso;
            }
        }

        return null;
    }
}
