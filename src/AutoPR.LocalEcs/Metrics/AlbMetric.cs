namespace AutoPR.LocalEcs.Metrics;

/// <summary>The AWS/ApplicationELB metrics LocalEcs records: what one request sample contributes to each (null: nothing).</summary>
public static class AlbMetric
{
    public const string Namespace = "AWS/ApplicationELB";

    public static readonly IReadOnlyList<string> Names =
        ["RequestCount", "HTTPCode_Target_5XX_Count", "HTTPCode_Target_4XX_Count", "HTTPCode_Target_2XX_Count", "HTTPCode_ELB_5XX_Count", "TargetResponseTime"];

    public static Func<RequestSample, double?> ValueOf(string metricName) => metricName switch
    {
        "RequestCount" => _ => 1,
        "HTTPCode_Target_5XX_Count" => s => s.FromTarget && s.StatusCode >= 500 ? 1 : 0,
        "HTTPCode_Target_4XX_Count" => s => s.FromTarget && s.StatusCode is >= 400 and < 500 ? 1 : 0,
        "HTTPCode_Target_2XX_Count" => s => s.FromTarget && s.StatusCode is >= 200 and < 300 ? 1 : 0,
        "HTTPCode_ELB_5XX_Count" => s => !s.FromTarget && s.StatusCode >= 500 ? 1 : 0,
        "TargetResponseTime" => s => s.FromTarget ? s.ResponseSeconds : null,
        _ => _ => null,
    };

    /// <summary>TargetGroup=targetgroup/name/id selects the target group whose ARN ends so; without that dimension, all of them.</summary>
    public static Func<string, bool> TargetGroupFilter(string? targetGroupDimension) =>
        targetGroupDimension is null ? _ => true : arn => arn.EndsWith(":" + targetGroupDimension, StringComparison.Ordinal);
}
