namespace AutoPR.Deployment.Verification;

/// <summary>How <see cref="Verifier"/> probes and measures (its clock and logger come from the <see cref="DeploymentContext"/>).</summary>
public sealed record VerifierOptions
{
    /// <summary>Time between health/version probes (also during the bake window).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one probe request (health, /version and the revision probes).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed probes in a row that fail the health (or version) check at once.</summary>
    public int MaxConsecutiveProbeFailures { get; init; } = 3;

    /// <summary>How long reaching the N healthy probes in a row may take.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often users' metrics (CloudWatch) are read in the bake window, and how often progress shows the probes' figures.</summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Users' requests (CloudWatch) needed before their error rate or latency may fail the verification early.</summary>
    public int MinimumRequests { get; init; } = 20;

    /// <summary>CloudWatch period of the metric queries (ALB metrics have one-minute resolution).</summary>
    public int MetricsPeriodSeconds { get; init; } = 60;

    /// <summary>
    /// The AWS/ApplicationELB LoadBalancer dimension (app/NAME/ID); null derives it from the environment's listener
    /// rule ARN, or queries by target group alone (the local stand-in).
    /// </summary>
    public string? LoadBalancerDimension { get; init; }
}
