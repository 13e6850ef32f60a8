using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Metrics.Alarms;

/// <summary>
/// CloudWatch's evaluation of one metric alarm over LocalEcs's request samples: the last EvaluationPeriods complete
/// periods (aligned to the epoch, each <paramref name="period"/> long: the alarm's Period times the time scale), one
/// datapoint per period with samples (the statistic over them), missing data treated as TreatMissingData says, and
/// ALARM when at least DatapointsToAlarm of them breach. The state changes (with its reason) only on a transition.
/// </summary>
public static class AlarmEvaluation
{
    /// <summary>The reason of an alarm never evaluated.</summary>
    public const string Unchecked = "Unchecked: Initial alarm creation";

    public static MetricAlarm Evaluate(MetricAlarm alarm, MetricRecorder recorder, DateTimeOffset now, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(recorder);
        var periodTicks = Math.Max(period.Ticks, TimeSpan.FromMilliseconds(100).Ticks);
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % periodTicks, TimeSpan.Zero);
        var start = end.AddTicks(-periodTicks * alarm.EvaluationPeriods);
        var datapoints = Datapoints(alarm, recorder, start, end, periodTicks);

        var breaching = 0;
        var present = 0;
        foreach (var (_, value) in datapoints)
        {
            var breaches = value is { } v ? Breaches(alarm.ComparisonOperator, v, alarm.Threshold) : alarm.TreatMissingData switch
            {
                "breaching" => true,
                "notBreaching" => false,
                _ => (bool?)null,
            };
            if (breaches is not null)
            {
                present++;
                breaching += breaches.Value ? 1 : 0;
            }
        }

        var state = breaching >= alarm.DatapointsToAlarm ? AlarmStates.Alarm
            : present > 0 ? AlarmStates.Ok
            : alarm.TreatMissingData == "ignore" ? alarm.StateValue
            : AlarmStates.InsufficientData;
        // A new alarm's first evaluation replaces "Unchecked: Initial alarm creation" even without a transition.
        if (state == alarm.StateValue && !alarm.StateReason.StartsWith(Unchecked, StringComparison.Ordinal))
        {
            return alarm;
        }

        return alarm with
        {
            StateValue = state,
            StateReason = Reason(alarm, state, datapoints, breaching),
            StateReasonData = ReasonData(alarm, now, start, datapoints),
            StateUpdatedAt = now,
        };
    }

    public static bool Breaches(string comparison, double value, double threshold) => comparison switch
    {
        "GreaterThanThreshold" => value > threshold,
        "GreaterThanOrEqualToThreshold" => value >= threshold,
        "LessThanThreshold" => value < threshold,
        "LessThanOrEqualToThreshold" => value <= threshold,
        _ => false,
    };

    /// <summary>Oldest first: each period's start and its value, null when the period had no sample.</summary>
    private static List<(DateTimeOffset Start, double? Value)> Datapoints(MetricAlarm alarm, MetricRecorder recorder, DateTimeOffset start, DateTimeOffset end, long periodTicks)
    {
        var buckets = Enumerable.Range(0, alarm.EvaluationPeriods).Select(i => start.AddTicks(periodTicks * i)).ToList();
        if (alarm.Namespace != AlbMetric.Namespace)
        {
            return [.. buckets.Select(b => (b, (double?)null))];
        }

        var value = AlbMetric.ValueOf(alarm.MetricName);
        var targetGroup = alarm.Dimensions.FirstOrDefault(d => d.Name == "TargetGroup")?.Value;
        var byBucket = recorder.Query(AlbMetric.TargetGroupFilter(targetGroup), start, end)
            .Select(s => (Bucket: start.AddTicks((s.Time - start).Ticks / periodTicks * periodTicks), Value: value(s)))
            .Where(x => x.Value is not null)
            .GroupBy(x => x.Bucket)
            .ToDictionary(g => g.Key, g => MetricStatistics.Compute(alarm.Stat, [.. g.Select(x => x.Value!.Value)]));
        return [.. buckets.Select(b => (b, byBucket.TryGetValue(b, out var v) ? v : (double?)null))];
    }

    private static string Reason(MetricAlarm alarm, string state, List<(DateTimeOffset Start, double? Value)> datapoints, int breaching)
    {
        var known = datapoints.Where(d => d.Value is not null).Reverse().ToList();
        if (state == AlarmStates.InsufficientData || known.Count == 0)
        {
            var missing = datapoints.Count;
            return state == AlarmStates.InsufficientData
                ? $"Insufficient Data: {missing} datapoint{(missing == 1 ? " was" : "s were")} unknown."
                : $"Threshold Crossed: no datapoints were received for {missing} period{(missing == 1 ? "" : "s")} and {missing} missing datapoint{(missing == 1 ? " was" : "s were")} treated as [{(alarm.TreatMissingData == "breaching" ? "Breaching" : "NonBreaching")}].";
        }

        var listed = string.Join(", ", known.Select(d => $"{Number(d.Value!.Value)} ({d.Start.UtcDateTime.ToString("dd/MM/yy HH:mm:ss", CultureInfo.InvariantCulture)})"));
        var comparison = Phrase(alarm.ComparisonOperator);
        if (state == AlarmStates.Alarm)
        {
            return known.Count == 1 && breaching == 1
                ? $"Threshold Crossed: 1 datapoint [{listed}] was {comparison} the threshold ({Number(alarm.Threshold)})."
                : $"Threshold Crossed: {breaching} out of the last {datapoints.Count} datapoints [{listed}] were {comparison} the threshold ({Number(alarm.Threshold)}) (minimum {alarm.DatapointsToAlarm} datapoint{(alarm.DatapointsToAlarm == 1 ? "" : "s")} for OK -> ALARM transition).";
        }

        return known.Count == 1
            ? $"Threshold Crossed: 1 datapoint [{listed}] was not {comparison} the threshold ({Number(alarm.Threshold)})."
            : $"Threshold Crossed: {known.Count} datapoints [{listed}] were not {comparison} the threshold ({Number(alarm.Threshold)}).";
    }

    private static string ReasonData(MetricAlarm alarm, DateTimeOffset now, DateTimeOffset start, List<(DateTimeOffset Start, double? Value)> datapoints) => new JsonObject
    {
        ["version"] = "1.0",
        ["queryDate"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", CultureInfo.InvariantCulture),
        ["startDate"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", CultureInfo.InvariantCulture),
        ["statistic"] = alarm.Stat,
        ["period"] = alarm.Period,
        ["recentDatapoints"] = new JsonArray([.. datapoints.Where(d => d.Value is not null).Select(d => (JsonNode)JsonValue.Create(d.Value!.Value))]),
        ["threshold"] = alarm.Threshold,
    }.ToJsonString();

    private static string Phrase(string comparison) => comparison switch
    {
        "GreaterThanThreshold" => "greater than",
        "GreaterThanOrEqualToThreshold" => "greater than or equal to",
        "LessThanThreshold" => "less than",
        _ => "less than or equal to",
    };

    private static string Number(double value) => value.ToString("0.0###", CultureInfo.InvariantCulture);
}
