using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Metrics;

/// <summary>The CloudWatch operation table (X-Amz-Target GraniteServiceVersion20100801.*, AWS JSON 1.0).</summary>
public static class CloudWatchApi
{
    public static AwsApi Create(GetMetricDataOperation getMetricData) =>
        new("monitoring", "GraniteServiceVersion20100801", "application/x-amz-json-1.0", "InvalidParameterValueException", new Dictionary<string, AwsOperationHandler>(StringComparer.Ordinal)
        {
            ["GetMetricData"] = getMetricData.GetMetricDataAsync,
        });
}
