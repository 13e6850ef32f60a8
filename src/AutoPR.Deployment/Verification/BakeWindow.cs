using System.Globalization;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Verification.Probes;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Verification;

/// <summary>
/// The bake window of a verification. Two judges run side by side, and the first breach ends the window at once (the
/// caller rolls back without waiting for it to close):
/// <list type="bullet">
/// <item>the probes, every <see cref="VerifierOptions.ProbeInterval"/>: the new revision's own answers, route by
/// route, against the old revision's from the rollout when this process watched it (<see cref="RevisionJudge"/>);
/// known within seconds;</item>
/// <item>CloudWatch, every <see cref="VerifierOptions.MetricsInterval"/>: the load balancer's error rate and p99 of
/// real users' traffic, over the whole minutes (ALB metrics have one-minute datapoints) that began after the window
/// opened, when only the new revision serves, so they are attributable to it. They arrive one to three minutes late
/// on AWS; a window that ends before any was published leaves these checks not run, and says why.</item>
/// </list>
/// </summary>
internal sealed class BakeWindow(LoadBalancerMetrics metrics, VerificationSettings thresholds, VerifierOptions options, TimeProvider time, ILogger logger)
{
    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Runs the window; completes the probes, error-rate and latency checks (and health or version, on a failed probe).</summary>
    public async Task RunAsync(VerificationRun run, BakeProbes bake, TimeSpan window, CancellationToken cancellationToken)
    {
        var errorThreshold = string.Create(CultureInfo.InvariantCulture, $"<= {thresholds.MaxErrorRate * 100:0.##} % of users' requests over {window.TotalSeconds:0} s");
        var latencyThreshold = string.Create(CultureInfo.InvariantCulture, $"<= {thresholds.MaxP99LatencyMs} ms over {window.TotalSeconds:0} s");
        var probesThreshold = string.Create(CultureInfo.InvariantCulture,
            $"per route: errors <= {thresholds.MaxErrorRate * 100:0.##} % and p99 <= {thresholds.MaxP99LatencyMs} ms, or no worse than the old revision (exact tests, p < {1 - thresholds.Probes.Confidence:0.###}, >= {thresholds.Probes.MinimumSamples} answers)");
        if (window <= TimeSpan.Zero)
        {
            foreach (var (name, threshold) in new[] { (VerificationCheck.Probes, probesThreshold), (VerificationCheck.ErrorRate, errorThreshold), (VerificationCheck.Latency, latencyThreshold) })
            {
                run.Complete(new VerificationCheck(name, CheckStatus.NotRun, "not measured", threshold, "bake window 0 s"));
            }

            return;
        }

        var bakeStart = Now;
        var bakeEnd = bakeStart + window;

        // The first whole minute that began after the window opened: earlier datapoints may hold the old revision's answers.
        var usersFrom = NextWholeMinute(bakeStart);
        var nextMetrics = bakeStart + options.MetricsInterval;
        MetricsSample? users = null;
        string? metricsError = null;
        await using var prober = bake.StartProbes();
        while (true)
        {
            var final = Now >= bakeEnd;
            var figures = bake.Board.Figures();
            if (bake.Judge.FindBreach(figures, bake.Revision) is { } breach)
            {
                run.Complete(new VerificationCheck(VerificationCheck.Probes, CheckStatus.Failed, breach.Message, probesThreshold));
                CompleteUsers(run, users, final: false, errorThreshold, latencyThreshold, "verification stopped at the first failure");
                return;
            }

            if (final || Now >= nextMetrics)
            {
                nextMetrics = Now + options.MetricsInterval;
                var elapsed = Math.Min((Now - bakeStart).TotalSeconds, window.TotalSeconds);
                run.Observe(string.Create(CultureInfo.InvariantCulture, $"bake {elapsed:0}/{window.TotalSeconds:0} s: probes: {Describe(figures, bake.Revision)}"));
                (users, metricsError) = await SampleUsersAsync(run, usersFrom, users, cancellationToken).ConfigureAwait(false);
                if (users is not null && JudgeUsers(run, users, final, errorThreshold, latencyThreshold))
                {
                    run.Complete(new VerificationCheck(VerificationCheck.Probes, CheckStatus.NotRun, Describe(figures, bake.Revision), probesThreshold, "verification stopped at the first failure"));
                    return;
                }

                if (final)
                {
                    CompleteProbes(run, figures, bake, probesThreshold);
                    if (users is null)
                    {
                        CompleteUsers(run, null, final: true, errorThreshold, latencyThreshold, metricsError ?? string.Create(CultureInfo.InvariantCulture,
                            $"no whole minute of users' traffic published since {usersFrom:HH:mm} UTC (ALB metrics have one-minute datapoints, published one to three minutes late); the probes judged this window"));
                    }

                    return;
                }
            }

            await bake.Health.ProbeOnceAsync(run, bake.HealthProbe, " during the bake window", cancellationToken).ConfigureAwait(false);
            if (run.Failed)
            {
                run.Complete(new VerificationCheck(VerificationCheck.Probes, CheckStatus.NotRun, Describe(figures, bake.Revision), probesThreshold, "verification stopped at the first failure"));
                CompleteUsers(run, users, final: false, errorThreshold, latencyThreshold, "verification stopped at the first failure");
                return;
            }

            var wait = TimeSpan.FromTicks(Math.Min(options.ProbeInterval.Ticks, Math.Max(0, (bakeEnd - Now).Ticks)));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset NextWholeMinute(DateTimeOffset time)
    {
        var past = time.UtcTicks % TimeSpan.TicksPerMinute;
        return new DateTimeOffset(time.UtcTicks - past, TimeSpan.Zero).AddTicks(past == 0 ? 0 : TimeSpan.TicksPerMinute);
    }

    private static string Describe(IReadOnlyList<RouteFigures> figures, string revision)
    {
        var mine = figures.Where(f => f.Revision == revision).ToList();
        return mine.Count == 0 ? $"no answer from {revision} yet" : RevisionJudge.Describe(mine);
    }

    private void CompleteProbes(VerificationRun run, IReadOnlyList<RouteFigures> figures, BakeProbes bake, string threshold)
    {
        var minimum = thresholds.Probes.MinimumSamples;
        var judged = figures.Where(f => f.Revision == bake.Revision && f.Answers >= minimum).ToList();
        var observed = Describe(figures, bake.Revision);
        var replaced = figures.Where(f => f.Revision != bake.Revision).Select(f => f.Revision).Distinct().Order(StringComparer.Ordinal).ToList();
        var against = replaced.Count == 0 ? "judged against the limits: no older revision answered" : "judged against " + string.Join(", ", replaced);
        run.Complete(judged.Count == 0
            ? new VerificationCheck(VerificationCheck.Probes, CheckStatus.NotRun, observed, threshold,
                $"fewer than {minimum} answers from {bake.Revision} on every route ({bake.Board.Unattributed} answers named no revision: does the service send {RevisionHeader.Name}?)")
            : new VerificationCheck(VerificationCheck.Probes, CheckStatus.Passed, observed, threshold, against));
    }

    private async Task<(MetricsSample? Sample, string? Error)> SampleUsersAsync(VerificationRun run, DateTimeOffset from, MetricsSample? last, CancellationToken cancellationToken)
    {
        if (Now <= from)
        {
            return (last, null);
        }

        try
        {
            var sample = await metrics.SampleAsync(from, Now.AddSeconds(1), cancellationToken).ConfigureAwait(false);
            if (sample.Requests <= 0)
            {
                return (last, null);
            }

            run.Observe(string.Create(CultureInfo.InvariantCulture,
                $"users since {from:HH:mm} UTC (CloudWatch): {sample.Requests:0} requests, error rate {sample.ErrorRate * 100:0.##} % (max {thresholds.MaxErrorRate * 100:0.##} %), p99 {sample.P99Text} (max {thresholds.MaxP99LatencyMs} ms)"));
            return (sample, null);
        }
        catch (AwsServiceException ex)
        {
            run.Observe("metrics unavailable: " + ex.Message);
            logger.LogWarning("GetMetricData failed during the bake window: {Error}", ex.Message);
            return (last, "metrics unavailable: " + ex.Message);
        }
    }

    // Returns true when users' traffic breached a threshold (with enough requests, or at the end).
    private bool JudgeUsers(VerificationRun run, MetricsSample sample, bool final, string errorThreshold, string latencyThreshold)
    {
        var enough = sample.Requests >= run.MinimumRequests;
        var errorBreach = sample.ErrorRate > thresholds.MaxErrorRate && (enough || final);
        var latencyBreach = sample.P99Milliseconds is { } p99 && p99 > thresholds.MaxP99LatencyMs && (enough || final);
        if (!errorBreach && !latencyBreach)
        {
            if (final)
            {
                CompleteUsers(run, sample, final: true, errorThreshold, latencyThreshold, null);
            }

            return false;
        }

        run.Complete(new VerificationCheck(VerificationCheck.ErrorRate, errorBreach ? CheckStatus.Failed : CheckStatus.NotRun, Rate(sample), errorThreshold,
            errorBreach ? null : "verification stopped at the first failure"));
        run.Complete(new VerificationCheck(VerificationCheck.Latency, latencyBreach ? CheckStatus.Failed : CheckStatus.NotRun, sample.P99Text, latencyThreshold,
            latencyBreach ? null : "verification stopped at the first failure"));
        return true;
    }

    private static void CompleteUsers(VerificationRun run, MetricsSample? sample, bool final, string errorThreshold, string latencyThreshold, string? detail)
    {
        var status = final && sample is not null ? CheckStatus.Passed : CheckStatus.NotRun;
        run.Complete(new VerificationCheck(VerificationCheck.ErrorRate, status, sample is null ? "no data" : Rate(sample), errorThreshold, detail));
        run.Complete(new VerificationCheck(VerificationCheck.Latency, status, sample?.P99Text ?? "no data", latencyThreshold,
            detail ?? (sample?.P99Milliseconds is null ? "no latency data" : null)));
    }

    private static string Rate(MetricsSample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"{sample.ErrorRate * 100:0.##} % ({sample.Errors:0} of {sample.Requests:0} requests)");
}

/// <summary>What the bake window probes with: the health probe and its tracker, and the revision probes, scoreboard and judge.</summary>
internal sealed record BakeProbes(HealthProbe HealthProbe, ProbeTracker Health, Func<RevisionProber> StartProbes, RevisionScoreboard Board, RevisionJudge Judge, string Revision);
