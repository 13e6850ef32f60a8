using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Metrics;

/// <summary>
/// Which period buckets one GetMetricData query answers, and from which samples. In <see cref="MetricsMode.Aws"/> it
/// follows CloudWatch's standard resolution for AWS/ApplicationELB: a period below 60 s counts as 60 (datapoints are
/// one minute), a longer one must be a multiple of 60, buckets are aligned to whole multiples of the period from the
/// epoch (not to StartTime), a bucket is answered when it starts in [StartTime rounded down, EndTime), and only once
/// <c>now &gt;= bucket start + period + delay</c>. In <see cref="MetricsMode.Immediate"/>: buckets of the asked
/// period counted from StartTime, over the samples in [StartTime, EndTime), answered at once.
/// </summary>
public sealed class MetricWindow
{
    private const int MinutePeriod = 60;
    private readonly DateTimeOffset _origin;
    private readonly long _periodTicks;
    private readonly DateTimeOffset _end;
    private readonly DateTimeOffset? _publishedUntil;

    private MetricWindow(DateTimeOffset origin, int period, DateTimeOffset from, DateTimeOffset to, DateTimeOffset end, DateTimeOffset? publishedUntil)
    {
        _origin = origin;
        _periodTicks = TimeSpan.FromSeconds(period).Ticks;
        From = from;
        To = to;
        _end = end;
        _publishedUntil = publishedUntil;
    }

    /// <summary>Samples from here (inclusive)...</summary>
    public DateTimeOffset From { get; }

    /// <summary>...to here (exclusive) make the datapoints.</summary>
    public DateTimeOffset To { get; }

    /// <param name="period">The query's period in seconds (positive).</param>
    /// <param name="now">The current time, for the publication delay.</param>
    /// <param name="delay">How long after a bucket closes it becomes visible (Aws mode).</param>
    public static MetricWindow For(MetricsMode mode, DateTimeOffset start, DateTimeOffset end, int period, DateTimeOffset now, TimeSpan delay, string queryId)
    {
        if (mode == MetricsMode.Immediate)
        {
            return new MetricWindow(start, period, start, end, end, publishedUntil: null);
        }

        if (period > MinutePeriod && period % MinutePeriod != 0)
        {
            throw new AwsServiceException("InvalidParameterValueException", $"Query {queryId}: the period of AWS/ApplicationELB metrics (standard resolution) must be a multiple of 60 seconds; {period} is not.");
        }

        var seconds = Math.Max(period, MinutePeriod);
        var periodTicks = TimeSpan.FromSeconds(seconds).Ticks;
        var last = Floor(end, DateTimeOffset.UnixEpoch, periodTicks);
        var to = last == end ? end : last.AddTicks(periodTicks);
        return new MetricWindow(DateTimeOffset.UnixEpoch, seconds, Floor(start, DateTimeOffset.UnixEpoch, periodTicks), to, end, now - delay);
    }

    /// <summary>The start of the bucket a sample taken at <paramref name="time"/> belongs to.</summary>
    public DateTimeOffset BucketOf(DateTimeOffset time) => Floor(time, _origin, _periodTicks);

    /// <summary>Whether the bucket starting at <paramref name="bucket"/> is answered now.</summary>
    public bool Answers(DateTimeOffset bucket) =>
        bucket >= From && bucket < _end && (_publishedUntil is not { } until || bucket.AddTicks(_periodTicks) <= until);

    /// <summary>The latest origin + n periods at or before <paramref name="time"/>.</summary>
    private static DateTimeOffset Floor(DateTimeOffset time, DateTimeOffset origin, long periodTicks)
    {
        var offset = (time - origin).Ticks;
        var remainder = offset % periodTicks;
        return origin.AddTicks(offset - (remainder < 0 ? remainder + periodTicks : remainder));
    }
}
