using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Verification.Probes;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Verification;

/// <summary>
/// Verifies what runs: (1) the rollout COMPLETED on the expected revision; (2) the health URL answers healthy N
/// times in a row; (3) /version reports the expected git revision; (4) over the bake window, the probes' answers of
/// the new revision are no worse, route by route, than the old revision's (<see cref="RevisionJudge"/>); (5, 6) real
/// users' error rate and p99 latency (CloudWatch) stay within the environment's thresholds. Everything is evaluated
/// throughout the bake window, and the first breach ends verification at once (the caller rolls back without waiting
/// for the window to close). The report lists every check with its observed value and threshold. The probes'
/// answers are kept for the life of the verifier, so a verification after a watched rollout compares with the old
/// revision's answers from that rollout.
/// </summary>
public sealed class Verifier
{
    private readonly EcsClient _ecs;
    private readonly CloudWatchClient _cloudWatch;
    private readonly HttpClient _http;
    private readonly DeploymentContext _context;
    private readonly VerifierOptions _options;
    private readonly ILogger _logger;
    private readonly RevisionScoreboard _answers = new();
    private readonly RevisionJudge _judge;

    /// <summary>Creates the verifier of the context's environment; <paramref name="http"/> reaches the health URL.</summary>
    public Verifier(EcsClient ecs, CloudWatchClient cloudWatch, HttpClient http, DeploymentContext context, VerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(cloudWatch);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(context);
        _ecs = ecs;
        _cloudWatch = cloudWatch;
        _http = http;
        _context = context;
        _options = options ?? new VerifierOptions();
        _judge = new RevisionJudge(context.Environment.Verification);
        _logger = context.Logger("Verifier");
    }

    /// <summary>Runs the checks; returns the report (it does not throw for a failed check).</summary>
    public async Task<VerificationReport> VerifyAsync(VerifyRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var environment = _context.Environment;
        var run = new VerificationRun(_context.Time, progress) { MinimumRequests = _options.MinimumRequests };
        var started = Now;

        var service = await _ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        var expectedArn = request.TaskDefinitionArn ?? service?.TaskDefinition ?? "(none)";
        run.Complete(RolloutCheck(service, expectedArn));
        string? expectedRevision = request.ExpectedRevision;
        Database.SchemaInfo? schema = null;
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
            schema = probe.Schema;
            if (!run.Failed)
            {
                var window = request.BakeWindow ?? TimeSpan.FromSeconds(environment.Verification.BakeWindowSeconds);
                var bake = new BakeWindow(MetricsOf(environment), environment.Verification, _options, _context.Time, _logger);
                var revision = TaskDefinitionRegistered.Label(expectedArn);
                await bake.RunAsync(run, new BakeProbes(probe, probes, StartProbes, _answers, _judge, revision), window, cancellationToken).ConfigureAwait(false);
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
            Schema = schema,
        };
        await RecordAsync(request, report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// The probes' judgement of the bake window, applied during the rollout (see <see cref="RevisionGuard"/>); its
    /// answers stay with this verifier. Dispose it when the rollout has been watched.
    /// </summary>
    public RevisionGuard RolloutGuard() =>
        new(StartProbes, _answers, _judge, _options, _context.Time, [.. ProbeTarget.Of(_context.Environment).Select(t => t.Route).Distinct(StringComparer.Ordinal)]);

    private RevisionProber StartProbes()
    {
        var environment = _context.Environment;
        var prober = new RevisionProber(_http, ProbeTarget.Of(environment), environment.Verification.Probes, _answers, _context.Time, _options.ProbeTimeout);
        prober.Start();
        return prober;
    }

    private DateTimeOffset Now => _context.Time.GetUtcNow();

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

    private async Task ProbeUntilHealthyAsync(VerificationRun run, HealthProbe probe, ProbeTracker probes, CancellationToken cancellationToken)
    {
        var deadline = Now + _options.HealthTimeout;
        while (true)
        {
            await probes.ProbeOnceAsync(run, probe, "", cancellationToken).ConfigureAwait(false);
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

            await Task.Delay(_options.ProbeInterval, _context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(VerifyRequest request, VerificationReport report, CancellationToken cancellationToken)
    {
        if (report.TaskDefinitionArn == "(none)")
        {
            return;
        }

        await _context.Recorder.RecordAsync(new RecordRequest
        {
            Kind = request.RecordAs,
            TaskDefinitionArn = report.TaskDefinitionArn,
            Actor = request.Actor,
            StartedAt = request.DeploymentStartedAt ?? report.StartedAt,
            FinishedAt = report.FinishedAt,
            Outcome = report.Passed ? DeploymentOutcome.Verified : DeploymentOutcome.VerificationFailed,
            Reason = report.Passed ? null : report.Summary,
            Schema = report.Schema,
        }, progress: null, cancellationToken).ConfigureAwait(false);
    }
}
