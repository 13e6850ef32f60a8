using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Metrics.Alarms;

/// <summary>MetricAlarm as DescribeAlarms answers it.</summary>
public static class AlarmShape
{
    public static JsonObject ToJson(MetricAlarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var json = new JsonObject
        {
            ["AlarmName"] = alarm.AlarmName,
            ["AlarmArn"] = alarm.AlarmArn,
            ["AlarmConfigurationUpdatedTimestamp"] = AwsTime.ToJson(alarm.ConfigurationUpdatedAt),
            ["ActionsEnabled"] = alarm.ActionsEnabled,
            ["OKActions"] = new JsonArray(),
            ["AlarmActions"] = new JsonArray(),
            ["InsufficientDataActions"] = new JsonArray(),
            ["StateValue"] = alarm.StateValue,
            ["StateReason"] = alarm.StateReason,
            ["StateUpdatedTimestamp"] = AwsTime.ToJson(alarm.StateUpdatedAt),
            ["StateTransitionedTimestamp"] = AwsTime.ToJson(alarm.StateUpdatedAt),
            ["MetricName"] = alarm.MetricName,
            ["Namespace"] = alarm.Namespace,
            ["Dimensions"] = new JsonArray([.. alarm.Dimensions.Select(d => (JsonNode)new JsonObject { ["Name"] = d.Name, ["Value"] = d.Value })]),
            ["Period"] = alarm.Period,
            ["EvaluationPeriods"] = alarm.EvaluationPeriods,
            ["DatapointsToAlarm"] = alarm.DatapointsToAlarm,
            ["Threshold"] = alarm.Threshold,
            ["ComparisonOperator"] = alarm.ComparisonOperator,
            ["TreatMissingData"] = alarm.TreatMissingData,
        };
        Set(json, "AlarmDescription", alarm.AlarmDescription);
        Set(json, "StateReasonData", alarm.StateReasonData);
        Set(json, "Statistic", alarm.Statistic);
        Set(json, "ExtendedStatistic", alarm.ExtendedStatistic);
        Set(json, "Unit", alarm.Unit);
        return json;
    }

    private static void Set(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
