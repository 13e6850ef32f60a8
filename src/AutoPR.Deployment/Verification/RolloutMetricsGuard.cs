using System.Globalization;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Rollout;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Verification;

/// <summary>
/// The bake window's error-rate and p99 thresholds, applied while the rollout runs: from the moment the new revision's
/// first task runs, the load balancer's requests are judged every <see cref="VerifierOptions.MetricsInterval"/>
/// (once <see cref="VerifierOptions.MinimumRequests"/> arrived). Only the tasks' own 5xx count here: while tasks
/// start, the load balancer answers 5xx itself when no target is healthy yet (a first deployment), which says nothing
/// about the new revision; Verify counts those afterwards. Old tasks still serve part of the traffic, so a breach is
/// more diluted than the new revision's own: what it finds is real. Metrics that cannot be read never fail a rollout
/// (Verify judges afterwards). Local stacks get synthetic traffic, as in the bake window.
/// </summary>
public sealed class RolloutMetricsGuard : IRolloutGuard, IAsyncDisposable
{
    private readonly LoadBalancerMetrics _metrics;
    private readonly VerificationSettings _thresholds;
    private readonly VerifierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SyntheticTraffic? _traffic;
    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private bool _trafficStarted;

    internal RolloutMetricsGuard(LoadBalancerMetrics metrics, VerificationSettings thresholds, VerifierOptions options, HttpClient http, TimeProvider time, ILogger logger)
    {
        _metrics = metrics;
        _thresholds = thresholds;
        _options = options;
        _time = time;
        _logger = logger;
        _traffic = options.SyntheticTrafficUrl is { } url ? new SyntheticTraffic(http, url, options.SyntheticRequestsPerSecond, time) : null;
    }

    /// <inheritdoc />
    public async Task<string?> CheckAsync(DateTimeOffset since, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        if (!_trafficStarted)
        {
            _trafficStarted = true;
            _traffic?.Start();
        }

        var now = _time.GetUtcNow();
        if (now < _next)
        {
            return null;
        }

        _next = now + _options.MetricsInterval;
        MetricsSample sample;
        try
        {
            sample = await _metrics.SampleAsync(since, now.AddSeconds(1), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            _logger.LogWarning("GetMetricData failed during the rollout: {Error}", ex.Message);
            return null;
        }

        progress?.Report(new VerificationObserved(now, string.Create(CultureInfo.InvariantCulture,
            $"during the rollout: {sample.Requests:0} requests, error rate {sample.TargetErrorRate * 100:0.##} % (max {_thresholds.MaxErrorRate * 100:0.##} %), p99 {sample.P99Text} (max {_thresholds.MaxP99LatencyMs} ms)")));
        if (sample.Requests < _options.MinimumRequests)
        {
            return null;
        }

        var seconds = (now - since).TotalSeconds;
        if (sample.TargetErrorRate > _thresholds.MaxErrorRate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"error rate {sample.TargetErrorRate * 100:0.##} % ({sample.TargetErrors:0} of {sample.Requests:0} requests) in the {seconds:0} s since its first task ran, max {_thresholds.MaxErrorRate * 100:0.##} %");
        }

        return sample.P99Milliseconds > _thresholds.MaxP99LatencyMs
            ? string.Create(CultureInfo.InvariantCulture, $"p99 latency {sample.P99Text} in the {seconds:0} s since its first task ran, max {_thresholds.MaxP99LatencyMs} ms")
            : null;
    }

    /// <summary>Stops the synthetic traffic.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_traffic is not null)
        {
            await _traffic.DisposeAsync().ConfigureAwait(false);
        }
    }
}
