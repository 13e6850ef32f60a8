using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Metrics;

/// <summary>One MetricAlarm of a DescribeAlarms answer: its name and state.</summary>
public sealed record MetricAlarmView(string Name, string State, string? StateReason)
{
    public static MetricAlarmView From(JsonNode? node) => new(
        JsonRead.GetString(node, "AlarmName") ?? string.Empty,
        JsonRead.GetString(node, "StateValue") ?? "INSUFFICIENT_DATA",
        JsonRead.GetString(node, "StateReason"));
}
