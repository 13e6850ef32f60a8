using System.Text.Json.Serialization;

namespace AutoPR.LocalEcs.Metrics.Alarms;

/// <summary>A CloudWatch metric alarm on one metric (no metric math), its configuration and its state, as alarms.json keeps it.</summary>
public sealed record MetricAlarm
{
    public required string AlarmName { get; init; }

    public required string AlarmArn { get; init; }

    public string? AlarmDescription { get; init; }

    public required string Namespace { get; init; }

    public required string MetricName { get; init; }

    public IReadOnlyList<AlarmDimension> Dimensions { get; init; } = [];

    /// <summary>Sum, Average, SampleCount, Minimum or Maximum; null when <see cref="ExtendedStatistic"/> is set.</summary>
    public string? Statistic { get; init; }

    /// <summary>A percentile (p99, p99.9); null when <see cref="Statistic"/> is set.</summary>
    public string? ExtendedStatistic { get; init; }

    /// <summary>Seconds per datapoint, as given (LocalEcs's time scale shortens it when evaluating).</summary>
    public int Period { get; init; }

    public int EvaluationPeriods { get; init; }

    public int DatapointsToAlarm { get; init; }

    public double Threshold { get; init; }

    public required string ComparisonOperator { get; init; }

    /// <summary>missing, notBreaching, breaching or ignore.</summary>
    public string TreatMissingData { get; init; } = "missing";

    public string? Unit { get; init; }

    public bool ActionsEnabled { get; init; } = true;

    public DateTimeOffset ConfigurationUpdatedAt { get; init; }

    /// <summary>OK, ALARM or INSUFFICIENT_DATA.</summary>
    public string StateValue { get; init; } = AlarmStates.InsufficientData;

    public string StateReason { get; init; } = AlarmEvaluation.Unchecked;

    public string? StateReasonData { get; init; }

    public DateTimeOffset StateUpdatedAt { get; init; }

    /// <summary>The statistic the alarm evaluates (Statistic or ExtendedStatistic).</summary>
    [JsonIgnore]
    public string Stat => Statistic ?? ExtendedStatistic ?? "Sum";

    /// <summary>How long ECS keeps a deployment watched after it became steady: every evaluation period once.</summary>
    [JsonIgnore]
    public TimeSpan EvaluationWindow => TimeSpan.FromSeconds((double)Period * EvaluationPeriods);
}

public sealed record AlarmDimension(string Name, string Value);

/// <summary>The states of a CloudWatch alarm.</summary>
public static class AlarmStates
{
    public const string Ok = "OK";
    public const string Alarm = "ALARM";
    public const string InsufficientData = "INSUFFICIENT_DATA";
}
