using System.Globalization;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Environments;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Verification;

/// <summary>
/// The bake window of a verification: the load balancer's error rate and p99 latency are judged every
/// <see cref="VerifierOptions.MetricsInterval"/> while health probes continue; the first breach (once
/// <see cref="VerifierOptions.MinimumRequests"/> arrived) ends the window at once, so the caller rolls back without
/// waiting for it to close. Local stacks get synthetic traffic to judge.
/// </summary>
internal sealed class BakeWindow(LoadBalancerMetrics metrics, VerificationSettings thresholds, VerifierOptions options, HttpClient http, TimeProvider time, ILogger logger)
{
    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Runs the window; completes the error-rate and latency checks (and health or version, on a failed probe).</summary>
    public async Task RunAsync(VerificationRun run, HealthProbe probe, ProbeTracker probes, TimeSpan window, CancellationToken cancellationToken)
    {
        var verification = thresholds;
        var maxErrorRate = verification.MaxErrorRate;
        var maxLatency = verification.MaxP99LatencyMs;
        var errorThreshold = $"<= {maxErrorRate * 100:0.##} % over {window.TotalSeconds:0} s";
        var latencyThreshold = $"<= {maxLatency} ms over {window.TotalSeconds:0} s";
        if (window <= TimeSpan.Zero)
        {
            run.Complete(new VerificationCheck(VerificationCheck.ErrorRate, CheckStatus.NotRun, "not measured", errorThreshold, "bake window 0 s"));
            run.Complete(new VerificationCheck(VerificationCheck.Latency, CheckStatus.NotRun, "not measured", latencyThreshold, "bake window 0 s"));
            return;
        }

                var bakeStart = Now;
        var bakeEnd = bakeStart + window;
        var nextMetrics = bakeStart + options.MetricsInterval;
        MetricsSample? last = null;
        string? metricsError = null;
        await using var traffic = options.SyntheticTrafficUrl is { } url
            ? new SyntheticTraffic(http, url, options.SyntheticRequestsPerSecond, time)
            : null;
        traffic?.Start();
        while (true)
        {
            var final = Now >= bakeEnd;
            if (final || Now >= nextMetrics)
            {
                nextMetrics = Now + options.MetricsInterval;
                try
                {
                    last = await metrics.SampleAsync(bakeStart, Now.AddSeconds(1), cancellationToken).ConfigureAwait(false);
                    metricsError = null;
                    var elapsed = (Now - bakeStart).TotalSeconds;
                    run.Observe(string.Create(CultureInfo.InvariantCulture,
                        $"bake {Math.Min(elapsed, window.TotalSeconds):0}/{window.TotalSeconds:0} s: {last.Requests:0} requests, error rate {last.ErrorRate * 100:0.##} % (max {maxErrorRate * 100:0.##} %), p99 {last.P99Text} (max {maxLatency} ms)"));
                }
                catch (AwsServiceException ex)
                {
                    metricsError = ex.Message;
                    run.Observe("metrics unavailable: " + ex.Message);
                    logger.LogWarning("GetMetricData failed during the bake window: {Error}", ex.Message);
                }

                if (last is not null && Judge(run, last, final, maxErrorRate, maxLatency, errorThreshold, latencyThreshold))
                {
                    return;
                }

                if (final)
                {
                    if (last is null)
                    {
                        run.Complete(new VerificationCheck(VerificationCheck.ErrorRate, CheckStatus.Failed, "no metrics", errorThreshold, metricsError));
                        run.Complete(new VerificationCheck(VerificationCheck.Latency, CheckStatus.NotRun, "no metrics", latencyThreshold, metricsError));
                    }

                    return;
                }
            }

            await probes.ProbeOnceAsync(run, probe, " during the bake window", cancellationToken).ConfigureAwait(false);
            if (run.Failed)
            {
                run.Complete(new VerificationCheck(VerificationCheck.ErrorRate, CheckStatus.NotRun, last is null ? "not measured" : Rate(last), errorThreshold, "verification stopped at the first failure"));
                run.Complete(new VerificationCheck(VerificationCheck.Latency, CheckStatus.NotRun, last is null ? "not measured" : last.P99Text, latencyThreshold, "verification stopped at the first failure"));
                return;
            }

            var wait = TimeSpan.FromTicks(Math.Min(options.ProbeInterval.Ticks, Math.Max(0, (bakeEnd - Now).Ticks)));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Returns true when a verdict ended the bake window early (a breach) or at its end.
    private static bool Judge(VerificationRun run, MetricsSample sample, bool final, double maxErrorRate, int maxLatency, string errorThreshold, string latencyThreshold)
    {
        var enough = sample.Requests >= run.MinimumRequests;
        var errorBreach = sample.Requests > 0 && sample.ErrorRate > maxErrorRate && (enough || final);
        var latencyBreach = sample.P99Milliseconds is { } p99 && p99 > maxLatency && (enough || final);
        if (!errorBreach && !latencyBreach && !final)
        {
            return false;
        }

        var noTraffic = sample.Requests == 0 ? "no requests in the window: nothing to judge" : null;
        run.Complete(new VerificationCheck(VerificationCheck.ErrorRate, errorBreach ? CheckStatus.Failed : (final ? CheckStatus.Passed : CheckStatus.NotRun), Rate(sample), errorThreshold,
            noTraffic ?? (!final && !errorBreach ? "verification stopped at the first failure" : null)));
        run.Complete(new VerificationCheck(VerificationCheck.Latency, latencyBreach ? CheckStatus.Failed : (final ? CheckStatus.Passed : CheckStatus.NotRun), sample.P99Text, latencyThreshold,
            sample.P99Milliseconds is null ? "no latency data" : (!final && !latencyBreach ? "verification stopped at the first failure" : null)));
        return true;
    }

    private static string Rate(MetricsSample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"{sample.ErrorRate * 100:0.##} % ({sample.Errors:0} of {sample.Requests:0} requests)");
}
