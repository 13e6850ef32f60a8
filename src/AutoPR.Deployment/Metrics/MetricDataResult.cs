using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Metrics;

/// <summary>One data point of a metric.</summary>
public readonly record struct MetricPoint(DateTimeOffset Timestamp, double Value);

/// <summary>The data of one query, merged over all pages, in time order.</summary>
public sealed record MetricDataResult(string Id, string? Label, string? StatusCode, IReadOnlyList<MetricPoint> Points, IReadOnlyList<string> Messages)
{
    /// <summary>Whether CloudWatch returned all the data (StatusCode Complete).</summary>
    public bool IsComplete => StatusCode == "Complete";

    /// <summary>Reads one MetricDataResult object (Timestamps and Values are parallel arrays).</summary>
    internal static MetricDataResult From(JsonNode node)
    {
        var timestamps = JsonRead.GetArray(node, "Timestamps").Select(ToTimestamp).ToList();
        var values = JsonRead.GetArray(node, "Values").Select(v => v.GetValue<double>()).ToList();
        var points = timestamps.Zip(values, (t, v) => new MetricPoint(t, v)).ToList();
        var messages = JsonRead.GetArray(node, "Messages")
            .Select(m => $"{JsonRead.GetString(m, "Code")}: {JsonRead.GetString(m, "Value")}")
            .ToList();
        return new MetricDataResult(JsonRead.GetString(node, "Id") ?? string.Empty, JsonRead.GetString(node, "Label"), JsonRead.GetString(node, "StatusCode"), points, messages);
    }

    /// <summary>This result followed by the next page's part of the same query.</summary>
    internal MetricDataResult Append(MetricDataResult next) => this with
    {
        Label = Label ?? next.Label,
        StatusCode = next.StatusCode ?? StatusCode,
        Points = [.. Points, .. next.Points],
        Messages = [.. Messages, .. next.Messages],
    };

    private static DateTimeOffset ToTimestamp(JsonNode node)
    {
        var wrapper = new JsonObject { ["t"] = node.DeepClone() };
        return JsonRead.GetTimestamp(wrapper, "t") ?? throw new FormatException("a metric timestamp is neither epoch seconds nor ISO-8601");
    }
}
