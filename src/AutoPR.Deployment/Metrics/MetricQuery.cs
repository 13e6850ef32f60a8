using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Metrics;

// The member names below are the API model's wire names; that some equal property names is a coincidence, not a nameof.
#pragma warning disable CA1507

/// <summary>
/// One GetMetricData query: a metric statistic (namespace, name, dimensions, period, stat such as "p99" or
/// "Sum") or a metric-math expression over other queries' ids.
/// </summary>
public sealed record MetricQuery
{
    /// <summary>The query id (lower-case letter first), used in expressions and results.</summary>
    public required string Id { get; init; }

    /// <summary>Namespace ("AWS/ApplicationELB"); with <see cref="MetricName"/> for a metric statistic.</summary>
    public string? Namespace { get; init; }

    /// <summary>MetricName ("TargetResponseTime").</summary>
    public string? MetricName { get; init; }

    /// <summary>Dimensions (name to value).</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    /// <summary>Stat: Average, Sum, Minimum, Maximum, SampleCount, or a percentile such as p99.</summary>
    public string Stat { get; init; } = "Average";

    /// <summary>Period in seconds (a multiple of 60 for standard-resolution metrics).</summary>
    public int PeriodSeconds { get; init; } = 60;

    /// <summary>Unit filter, or null for any.</summary>
    public string? Unit { get; init; }

    /// <summary>A metric-math expression instead of a metric statistic ("errors / requests").</summary>
    public string? Expression { get; init; }

    /// <summary>A label for the result.</summary>
    public string? Label { get; init; }

    /// <summary>Whether the result is returned (false for inputs of an expression).</summary>
    public bool ReturnData { get; init; } = true;

    /// <summary>The MetricDataQuery object.</summary>
    public JsonObject ToJson()
    {
        var query = new JsonObject { ["Id"] = Id };
        if (Expression is not null)
        {
            query["Expression"] = Expression;
            query["Period"] = PeriodSeconds;
        }
        else
        {
            var dimensions = new JsonArray();
            foreach (var (name, value) in Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                dimensions.Add((JsonNode)new JsonObject { ["Name"] = name, ["Value"] = value });
            }

            var metric = new JsonObject().With("Namespace", Namespace).With("MetricName", MetricName);
            metric["Dimensions"] = dimensions;
            query["MetricStat"] = new JsonObject { ["Metric"] = metric, ["Period"] = PeriodSeconds, ["Stat"] = Stat }.With("Unit", Unit);
        }

        return query.With("Label", Label).With("ReturnData", ReturnData);
    }
}
