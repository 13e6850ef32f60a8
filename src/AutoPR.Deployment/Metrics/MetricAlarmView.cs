using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Metrics;

/// <summary>One alarm of a DescribeAlarms answer: its name, state and evaluation window.</summary>
/// <param name="Name">AlarmName.</param>
/// <param name="State">OK, ALARM or INSUFFICIENT_DATA.</param>
/// <param name="StateReason">Why it is in that state.</param>
/// <param name="EvaluationWindow">Period x EvaluationPeriods (a metric-math alarm's longest period); null for a composite alarm.</param>
public sealed record MetricAlarmView(string Name, string State, string? StateReason, TimeSpan? EvaluationWindow = null)
{
    public static MetricAlarmView From(JsonNode? node) => new(
        JsonRead.GetString(node, "AlarmName") ?? string.Empty,
        JsonRead.GetString(node, "StateValue") ?? "INSUFFICIENT_DATA",
        JsonRead.GetString(node, "StateReason"),
        JsonRead.GetInt(node, "EvaluationPeriods") is { } periods && PeriodOf(node) is { } period ? TimeSpan.FromSeconds((double)period * periods) : null);

    private static int? PeriodOf(JsonNode? node) =>
        JsonRead.GetInt(node, "Period")
        ?? JsonRead.GetArray(node, "Metrics")
            .Select(m => JsonRead.GetInt(JsonRead.GetObject(m, "MetricStat"), "Period") ?? JsonRead.GetInt(m, "Period"))
            .Max();
}
