using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Verification;

/// <summary>How <see cref="Verifier"/> probes and measures.</summary>
public sealed record VerifierOptions
{
    /// <summary>The clock (a fake one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Time between health/version probes (also during the bake window).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one probe request.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed probes in a row that fail the health (or version) check at once.</summary>
    public int MaxConsecutiveProbeFailures { get; init; } = 3;

    /// <summary>How long reaching the N healthy probes in a row may take.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the metrics are evaluated during the bake window (a breach is reported at most this late).</summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests needed before the error rate or latency may fail the verification early.</summary>
    public int MinimumRequests { get; init; } = 20;

    /// <summary>CloudWatch period of the metric queries (ALB metrics have one-minute resolution).</summary>
    public int MetricsPeriodSeconds { get; init; } = 60;

    /// <summary>
    /// The AWS/ApplicationELB LoadBalancer dimension (app/NAME/ID); null derives it from the environment's listener
    /// rule ARN, or queries by target group alone (the local stand-in).
    /// </summary>
    public string? LoadBalancerDimension { get; init; }

    /// <summary>When set, requests sent here during the bake window so the metrics have traffic to judge (local stacks have no users).</summary>
    public Uri? SyntheticTrafficUrl { get; init; }

    /// <summary>Synthetic requests per second.</summary>
    public int SyntheticRequestsPerSecond { get; init; } = 10;

    /// <summary>Where the verifier logs.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// The options for an environment: local environments (no real users) get synthetic traffic on their listener
    /// so the bake window has requests to measure.
    /// </summary>
    public static VerifierOptions For(Environments.DeploymentEnvironment environment, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = new VerifierOptions { Time = time ?? TimeProvider.System };
        return environment.IsLocal && environment.LoadBalancer.ListenerUrl is { } listener
            ? options with { SyntheticTrafficUrl = new Uri(listener, "/") }
            : options;
    }
}
