using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Metrics;

/// <summary>The PutMetricAlarm request of a local environment's alarm (<see cref="LocalAlarmSettings"/>).</summary>
public static class LocalAlarmRequest
{
    /// <param name="targetGroup">The TargetGroup dimension (targetgroup/NAME/ID), or null for every target group.</param>
    public static JsonObject For(LocalAlarmSettings alarm, string? targetGroup)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var percentile = alarm.Statistic.StartsWith('p');
        var request = new JsonObject
        {
            ["AlarmName"] = alarm.Name,
            ["Namespace"] = "AWS/ApplicationELB",
            ["MetricName"] = alarm.MetricName,
            [percentile ? "ExtendedStatistic" : "Statistic"] = alarm.Statistic,
            ["Period"] = alarm.PeriodSeconds,
            ["EvaluationPeriods"] = alarm.EvaluationPeriods,
            ["DatapointsToAlarm"] = alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
            ["Threshold"] = alarm.Threshold,
            ["ComparisonOperator"] = alarm.ComparisonOperator,
            ["TreatMissingData"] = alarm.TreatMissingData,
            ["Dimensions"] = targetGroup is null ? new JsonArray() : new JsonArray(new JsonObject { ["Name"] = "TargetGroup", ["Value"] = targetGroup }),
        };
        if (alarm.Description is not null)
        {
            request["AlarmDescription"] = alarm.Description;
        }

        return request;
    }
}
