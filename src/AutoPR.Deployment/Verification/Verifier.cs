using System.Globalization;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Rollout;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Verification;

/// <summary>
/// Verifies what runs: (1) the rollout COMPLETED on the expected revision; (2) the health URL answers healthy N
/// times in a row; (3) /version reports the expected git revision; (4, 5) error rate and p99 latency stay within
/// the environment's thresholds over the bake window. Health and metrics are evaluated throughout the bake
/// window, and the first breach ends verification at once (the caller rolls back without waiting for the window
/// to close). The report lists every check with its observed value and threshold.
/// </summary>
public sealed class Verifier
{
    private readonly EcsClient _ecs;
    private readonly CloudWatchClient _cloudWatch;
    private readonly HttpClient _http;
    private readonly DeploymentHistory? _history;
    private readonly VerifierOptions _options;

    /// <summary>Creates the verifier; <paramref name="http"/> reaches the health URL; without <paramref name="history"/> nothing is recorded.</summary>
    public Verifier(EcsClient ecs, CloudWatchClient cloudWatch, HttpClient http, DeploymentHistory? history = null, VerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(cloudWatch);
        ArgumentNullException.ThrowIfNull(http);
        _ecs = ecs;
        _cloudWatch = cloudWatch;
        _http = http;
        _history = history;
        _options = options ?? new VerifierOptions();
    }

    /// <summary>Runs the checks; returns the report (it does not throw for a failed check).</summary>
    public async Task<VerificationReport> VerifyAsync(VerifyRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var environment = request.Environment;
        var run = new Run(_options.Time, progress) { MinimumRequests = _options.MinimumRequests };
        var started = Now;

        var service = await _ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        var expectedArn = request.TaskDefinitionArn ?? service?.TaskDefinition ?? "(none)";
        run.Complete(RolloutCheck(service, expectedArn));
        string? expectedRevision = request.ExpectedRevision;
        if (!run.Failed)
        {
            if (expectedRevision is null)
            {
                var definition = await _ecs.DescribeTaskDefinitionAsync(expectedArn, cancellationToken).ConfigureAwait(false);
                expectedRevision = TaskDefinitionFacts.From(definition.Json, environment.LoadBalancer.ContainerName).GitSha;
            }

            var probe = new HealthProbe(_http, environment.HealthUrl, _options.ProbeTimeout);
            var probes = new ProbeTracker(environment.Verification.ConsecutiveHealthyChecks, _options.MaxConsecutiveProbeFailures, expectedRevision);
            await ProbeUntilHealthyAsync(run, probe, probes, cancellationToken).ConfigureAwait(false);
            if (!run.Failed)
            {
                var window = request.BakeWindow ?? TimeSpan.FromSeconds(environment.Verification.BakeWindowSeconds);
                await BakeAsync(run, request, probe, probes, window, cancellationToken).ConfigureAwait(false);
            }
        }

        var report = new VerificationReport
        {
            Environment = environment.Name,
            TaskDefinitionArn = expectedArn,
            ExpectedRevision = expectedRevision,
            Checks = run.ChecksInOrder(),
            StartedAt = started,
            FinishedAt = Now,
        };
        await RecordAsync(request, report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// The error-rate and latency checks of the bake window, applied during the rollout (see
    /// <see cref="RolloutMetricsGuard"/>). Dispose it when the rollout has been watched.
    /// </summary>
    public RolloutMetricsGuard RolloutGuard(Environments.DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new RolloutMetricsGuard(MetricsOf(environment), environment, _options, _http);
    }

    private DateTimeOffset Now => _options.Time.GetUtcNow();

    private LoadBalancerMetrics MetricsOf(Environments.DeploymentEnvironment environment) =>
        new(_cloudWatch, environment, _options.LoadBalancerDimension, _options.MetricsPeriodSeconds);

    private static VerificationCheck RolloutCheck(EcsServiceView? service, string expectedArn)
    {
        var expected = $"{TaskDefinitionRegistered.Label(expectedArn)} COMPLETED, all tasks running";
        if (service is null || service.Status == "INACTIVE")
        {
            return new VerificationCheck(VerificationCheck.Rollout, CheckStatus.Failed, "service does not exist", expected);
        }

        var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        var others = service.Deployments.Where(d => d != primary && d.RolloutState == "IN_PROGRESS").ToList();
        var observed = primary is null
            ? "no PRIMARY deployment"
            : $"{(primary.TaskDefinition is { } t ? TaskDefinitionRegistered.Label(t) : "?")} {primary.RolloutState ?? "?"}, {primary.RunningCount}/{primary.DesiredCount} running";
        var passed = primary is not null &&
            string.Equals(primary.TaskDefinition, expectedArn, StringComparison.Ordinal) &&
            string.Equals(service.TaskDefinition, expectedArn, StringComparison.Ordinal) &&
            primary.RolloutState is null or "COMPLETED" &&
            primary.RunningCount >= primary.DesiredCount &&
            others.Count == 0;
        var detail = others.Count > 0 ? "still in progress: " + string.Join(", ", others.Select(o => o.TaskDefinition is { } t ? TaskDefinitionRegistered.Label(t) : o.Id)) : null;
        return new VerificationCheck(VerificationCheck.Rollout, passed ? CheckStatus.Passed : CheckStatus.Failed, observed, expected, detail);
    }

    private async Task ProbeUntilHealthyAsync(Run run, HealthProbe probe, ProbeTracker probes, CancellationToken cancellationToken)
    {
        var deadline = Now + _options.HealthTimeout;
        while (true)
        {
            await ProbeOnceAsync(run, probe, probes, "", cancellationToken).ConfigureAwait(false);
            if (run.Failed)
            {
                return;
            }

            if (probes.GoodInRow >= probes.Required)
            {
                run.Complete(new VerificationCheck(VerificationCheck.Health, CheckStatus.Passed,
                    $"{probes.GoodInRow}/{probes.Required} healthy in a row", $"{probes.Required} healthy in a row at {probe.HealthUrl}"));
                if (probes.ExpectedRevision is null)
                {
                    run.Complete(new VerificationCheck(VerificationCheck.Version, CheckStatus.NotRun, "not checked", "/version reports AUTOPR_REVISION",
                        "the task definition sets no AUTOPR_REVISION"));
                }
                else
                {
                    run.Complete(new VerificationCheck(VerificationCheck.Version, CheckStatus.Passed, probes.LastRevision ?? "?", probes.ExpectedRevision));
                }

                return;
            }

            if (Now >= deadline)
            {
                run.Complete(new VerificationCheck(VerificationCheck.Health, CheckStatus.Failed,
                    $"{probes.GoodInRow} healthy in a row within {_options.HealthTimeout.TotalSeconds:0} s (last: {probes.LastHealth})",
                    $"{probes.Required} healthy in a row at {probe.HealthUrl}"));
                return;
            }

            await Task.Delay(_options.ProbeInterval, _options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ProbeOnceAsync(Run run, HealthProbe probe, ProbeTracker probes, string when, CancellationToken cancellationToken)
    {
        var (healthy, healthObserved) = await probe.HealthAsync(cancellationToken).ConfigureAwait(false);
        string? revision = null;
        string? versionObserved = null;
        if (probes.ExpectedRevision is not null)
        {
            (revision, versionObserved) = await probe.VersionAsync(cancellationToken).ConfigureAwait(false);
        }

        probes.Add(healthy, healthObserved, revision, versionObserved);
        if (!healthy)
        {
            run.Observe($"{probe.HealthUrl}: {healthObserved}{when}");
        }

        if (probes.HealthFailuresInRow >= probes.MaxFailures)
        {
            run.Complete(new VerificationCheck(VerificationCheck.Health, CheckStatus.Failed,
                $"unhealthy {probes.HealthFailuresInRow} times in a row{when}: {healthObserved}", $"{probes.Required} healthy in a row at {probe.HealthUrl}"));
        }
        else if (probes.VersionFailuresInRow >= probes.MaxFailures)
        {
            run.Complete(new VerificationCheck(VerificationCheck.Version, CheckStatus.Failed,
                $"{versionObserved} ({probes.VersionFailuresInRow} times in a row{when})", probes.ExpectedRevision!, $"from {probe.VersionUrl}"));
        }
    }

    private async Task BakeAsync(Run run, VerifyRequest request, HealthProbe probe, ProbeTracker probes, TimeSpan window, CancellationToken cancellationToken)
    {
        var verification = request.Environment.Verification;
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

        var metrics = MetricsOf(request.Environment);
        var bakeStart = Now;
        var bakeEnd = bakeStart + window;
        var nextMetrics = bakeStart + _options.MetricsInterval;
        MetricsSample? last = null;
        string? metricsError = null;
        await using var traffic = _options.SyntheticTrafficUrl is { } url
            ? new SyntheticTraffic(_http, url, _options.SyntheticRequestsPerSecond, _options.Time)
            : null;
        traffic?.Start();
        while (true)
        {
            var final = Now >= bakeEnd;
            if (final || Now >= nextMetrics)
            {
                nextMetrics = Now + _options.MetricsInterval;
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
                    _options.Logger.LogWarning("GetMetricData failed during the bake window: {Error}", ex.Message);
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

            await ProbeOnceAsync(run, probe, probes, " during the bake window", cancellationToken).ConfigureAwait(false);
            if (run.Failed)
            {
                run.Complete(new VerificationCheck(VerificationCheck.ErrorRate, CheckStatus.NotRun, last is null ? "not measured" : Rate(last), errorThreshold, "verification stopped at the first failure"));
                run.Complete(new VerificationCheck(VerificationCheck.Latency, CheckStatus.NotRun, last is null ? "not measured" : last.P99Text, latencyThreshold, "verification stopped at the first failure"));
                return;
            }

            var wait = TimeSpan.FromTicks(Math.Min(_options.ProbeInterval.Ticks, Math.Max(0, (bakeEnd - Now).Ticks)));
            await Task.Delay(wait, _options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Returns true when a verdict ended the bake window early (a breach) or at its end.
    private static bool Judge(Run run, MetricsSample sample, bool final, double maxErrorRate, int maxLatency, string errorThreshold, string latencyThreshold)
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

    private async Task RecordAsync(VerifyRequest request, VerificationReport report, CancellationToken cancellationToken)
    {
        if (_history is null || report.TaskDefinitionArn == "(none)")
        {
            return;
        }

        try
        {
            var definition = await _ecs.DescribeTaskDefinitionAsync(report.TaskDefinitionArn, cancellationToken).ConfigureAwait(false);
            var facts = TaskDefinitionFacts.From(definition.Json, request.Environment.LoadBalancer.ContainerName);
            await _history.RecordAsync(new DeploymentRecord
            {
                Kind = request.RecordAs,
                Environment = request.Environment.Name,
                TaskDefinitionArn = definition.Arn ?? report.TaskDefinitionArn,
                ImageDigest = facts.ImageDigest,
                GitSha = facts.GitSha,
                Actor = request.Actor,
                StartedAt = request.DeploymentStartedAt ?? report.StartedAt,
                FinishedAt = report.FinishedAt,
                Outcome = report.Passed ? DeploymentOutcome.Verified : DeploymentOutcome.VerificationFailed,
                Reason = report.Passed ? null : report.Summary,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            // A revision that does not exist (the rollout check says so) or tags that cannot be written: the report stands.
            _options.Logger.LogWarning("could not record the verification of {Arn}: {Error}", report.TaskDefinitionArn, ex.Message);
        }
    }

    /// <summary>The checks decided so far; reports each verdict as it is reached.</summary>
    private sealed class Run(TimeProvider time, IProgress<DeploymentEvent>? progress)
    {
        private static readonly string[] Order =
            [VerificationCheck.Rollout, VerificationCheck.Health, VerificationCheck.Version, VerificationCheck.ErrorRate, VerificationCheck.Latency];

        private readonly Dictionary<string, VerificationCheck> _checks = new(StringComparer.Ordinal);
        private string? _lastObservation;

        public bool Failed => _checks.Values.Any(c => c.Status == CheckStatus.Failed);

        public int MinimumRequests { get; init; } = 20;

        public void Complete(VerificationCheck check)
        {
            if (_checks.TryGetValue(check.Name, out var existing) && existing.Status == CheckStatus.Failed)
            {
                return;
            }

            var decided = check with { DecidedAt = time.GetUtcNow() };
            _checks[check.Name] = decided;
            progress?.Report(new VerificationCheckCompleted(decided.DecidedAt!.Value, decided));
        }

        public void Observe(string text)
        {
            if (!string.Equals(text, _lastObservation, StringComparison.Ordinal))
            {
                _lastObservation = text;
                progress?.Report(new VerificationObserved(time.GetUtcNow(), text));
            }
        }

        public List<VerificationCheck> ChecksInOrder() =>
            Order.Select(name => _checks.TryGetValue(name, out var check)
                ? check
                : new VerificationCheck(name, CheckStatus.NotRun, "not run", "-", "an earlier check failed")).ToList();
    }

    /// <summary>Probe results in a row.</summary>
    private sealed class ProbeTracker(int required, int maxFailures, string? expectedRevision)
    {
        public int Required { get; } = required;

        public int MaxFailures { get; } = maxFailures;

        public string? ExpectedRevision { get; } = expectedRevision;

        public int GoodInRow { get; private set; }

        public int HealthFailuresInRow { get; private set; }

        public int VersionFailuresInRow { get; private set; }

        public string? LastHealth { get; private set; }

        public string? LastRevision { get; private set; }

        public void Add(bool healthy, string healthObserved, string? revision, string? versionObserved)
        {
            LastHealth = healthObserved;
            LastRevision = revision ?? versionObserved;
            HealthFailuresInRow = healthy ? 0 : HealthFailuresInRow + 1;
            var versionOk = ExpectedRevision is null || string.Equals(revision, ExpectedRevision, StringComparison.Ordinal);
            VersionFailuresInRow = versionOk ? 0 : VersionFailuresInRow + 1;
            GoodInRow = healthy && versionOk ? GoodInRow + 1 : 0;
        }
    }
}
