using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Metrics;

/// <summary>The CloudWatch operation table (X-Amz-Target GraniteServiceVersion20100801.*, AWS JSON 1.0).</summary>
public static class CloudWatchApi
{
    public static AwsApi Create(GetMetricDataOperation getMetricData, Alarms.AlarmOperations alarms) =>
        new("monitoring", "GraniteServiceVersion20100801", "application/x-amz-json-1.0", "InvalidParameterValueException", new Dictionary<string, AwsOperationHandler>(StringComparer.Ordinal)
        {
            ["GetMetricData"] = getMetricData.GetMetricDataAsync,
            ["PutMetricAlarm"] = alarms.PutMetricAlarmAsync,
            ["DescribeAlarms"] = alarms.DescribeAlarmsAsync,
            ["DeleteAlarms"] = alarms.DeleteAlarmsAsync,
        });
}
