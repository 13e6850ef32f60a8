namespace AutoPR.Deployment.Environments;

/// <summary>
/// A CloudWatch alarm LocalUp creates on the local stack (AWS environments get theirs from Terraform): one
/// AWS/ApplicationELB metric of the environment's target group, as PutMetricAlarm takes it.
/// </summary>
public sealed record LocalAlarmSettings
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>RequestCount, HTTPCode_Target_5XX_Count, HTTPCode_ELB_5XX_Count, TargetResponseTime, ...</summary>
    public required string MetricName { get; init; }

    /// <summary>Sum, Average, SampleCount, Minimum, Maximum, or a percentile such as p99.</summary>
    public required string Statistic { get; init; }

    /// <summary>Seconds per datapoint: 10, 20, 30 or a multiple of 60 (LocalEcs's time scale shortens it).</summary>
    public required int PeriodSeconds { get; init; }

    public required int EvaluationPeriods { get; init; }

    /// <summary>Breaching datapoints among them that fire the alarm; all of them by default.</summary>
    public int? DatapointsToAlarm { get; init; }

    public required double Threshold { get; init; }

    /// <summary>GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold.</summary>
    public required string ComparisonOperator { get; init; }

    /// <summary>missing, notBreaching, breaching or ignore.</summary>
    public string TreatMissingData { get; init; } = "notBreaching";
}
