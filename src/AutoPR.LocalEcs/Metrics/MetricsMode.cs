namespace AutoPR.LocalEcs.Metrics;

/// <summary>
/// How GetMetricData answers. CloudWatch publishes ALB metrics as one-minute datapoints one to three minutes late, so
/// a check that reacts in seconds against a stand-in that answers at once would be slow on AWS: <see cref="Aws"/>
/// (the default) shows that locally; <see cref="Immediate"/> keeps fast feedback for tests that read metrics at once.
/// </summary>
public enum MetricsMode
{
    /// <summary>Standard resolution: one-minute datapoints aligned to the clock, each visible a delay after its period closes.</summary>
    Aws,

    /// <summary>Any period, buckets counted from StartTime, every request visible at once.</summary>
    Immediate,
}
