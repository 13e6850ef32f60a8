using System.Net;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Tests.Rollout.Fakes;
using AutoPR.Deployment.Verification;

namespace AutoPR.Deployment.Tests.Verification;

public sealed class VerifierTests
{
    // Long enough for whole minutes of users' traffic (CloudWatch judges only those); the clock is fake.
    private static readonly TimeSpan Bake = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_healthy_release_passes_every_check_and_is_recorded_as_verified()
    {
        using var setup = await Setup.CreateAsync();

        var report = await setup.VerifyAsync();

        Assert.True(report.Passed, report.ToText());
        Assert.Equal(
            [VerificationCheck.Rollout, VerificationCheck.Health, VerificationCheck.Version, VerificationCheck.Probes, VerificationCheck.ErrorRate, VerificationCheck.Latency],
            report.Checks.Select(c => c.Name));
        Assert.All(report.Checks, c => Assert.Equal(CheckStatus.Passed, c.Status));
        Assert.Equal("autopr-production:1 COMPLETED, 3/3 running", report.Checks[0].Observed);
        Assert.Equal("5/5 healthy in a row", report.Checks[1].Observed);
        Assert.Equal(DeploymentTestBed.GitSha, report.Checks[2].Observed);
        Assert.Matches(@"^autopr-production:1: / 0/\d+ p99 0 ms, /api/instance 0/\d+ p99 0 ms, /health 0/\d+ p99 0 ms, /version 0/\d+ p99 0 ms$", report.Checks[3].Observed);
        Assert.Equal("judged against the limits: no older revision answered", report.Checks[3].Detail);
        Assert.Matches(@"^0 % \(0 of [1-9][0-9]+ requests\)$", report.Checks[4].Observed);
        Assert.Equal("<= 1 % of users' requests over 150 s", report.Checks[4].Threshold);
        Assert.Equal("50 ms", report.Checks[5].Observed);
        Assert.Equal("<= 800 ms over 150 s", report.Checks[5].Threshold);
        Assert.Contains("  PASS  error-rate   " + report.Checks[4].Observed, report.ToText(), StringComparison.Ordinal);
        Assert.Contains("| error-rate | PASS | " + report.Checks[4].Observed + " | <= 1 % of users' requests over 150 s |  |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Equal("production: verification PASSED on autopr-production:1", report.Summary);
        var records = await setup.Bed.History.ReadAsync(setup.Bed.Family, "production");
        Assert.Contains(records, r => r.Kind == DeploymentKind.Verify && r.Outcome == DeploymentOutcome.Verified && r.TaskDefinitionArn == setup.Arn);
        Assert.Empty(setup.Bed.Ecs.ModelProblems);
    }

    [Fact]
    public async Task Metrics_are_read_for_both_target_groups_of_the_load_balancer()
    {
        using var setup = await Setup.CreateAsync();

        await setup.VerifyAsync();

        var queries = setup.Metrics.Requests[0]["MetricDataQueries"]!.AsArray();
        var dimensions = queries.Select(q => q!["MetricStat"]!["Metric"]!["Dimensions"]!.ToJsonString()).Distinct().ToList();
        Assert.Equal(2, dimensions.Count);
        Assert.Contains("""{"Name":"LoadBalancer","Value":"app/autopr-production/0a1b2c3d4e5f6074"}""", dimensions[0], StringComparison.Ordinal);
        Assert.Contains("""{"Name":"TargetGroup","Value":"targetgroup/autopr-production-blue/0a1b2c3d4e5f6072"}""", dimensions[0], StringComparison.Ordinal);
        Assert.Contains("""{"Name":"TargetGroup","Value":"targetgroup/autopr-production-green/0a1b2c3d4e5f6073"}""", dimensions[1], StringComparison.Ordinal);
        Assert.Equal(
            ["RequestCount", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "TargetResponseTime"],
            queries.Take(4).Select(q => q!["MetricStat"]!["Metric"]!["MetricName"]!.GetValue<string>()));
        Assert.Equal("p99", queries[3]!["MetricStat"]!["Stat"]!.GetValue<string>());
        Assert.All(setup.Metrics.Requests, r => Assert.Empty(ServiceModel.CloudWatch.ValidateInput("GetMetricData", r)));
    }

    [Fact]
    public async Task An_unhealthy_service_fails_after_three_probes_without_waiting_for_the_bake_window()
    {
        using var setup = await Setup.CreateAsync();
        setup.Endpoint.Health = _ => HttpStatusCode.ServiceUnavailable;

        var report = await setup.VerifyAsync();

        Assert.False(report.Passed);
        Assert.Equal(VerificationCheck.Health, report.FirstFailure!.Name);
        Assert.Equal("unhealthy 3 times in a row: HTTP 503 {\"status\":\"unhealthy\"}", report.FirstFailure.Observed);
        Assert.Equal(3, setup.Endpoint.HealthCalls);
        Assert.Empty(setup.Metrics.Requests);
        Assert.Equal(CheckStatus.NotRun, report.Checks.Single(c => c.Name == VerificationCheck.ErrorRate).Status);
        var records = await setup.Bed.History.ReadAsync(setup.Bed.Family, "production");
        Assert.Contains(records, r => r.Outcome == DeploymentOutcome.VerificationFailed);
    }

    [Fact]
    public async Task A_service_reporting_another_revision_fails_the_version_check()
    {
        using var setup = await Setup.CreateAsync();
        setup.Endpoint.Revision = "ffffffffffffffffffffffffffffffffffffffff";

        var report = await setup.VerifyAsync();

        Assert.Equal(VerificationCheck.Version, report.FirstFailure!.Name);
        Assert.StartsWith("ffffffffffffffffffffffffffffffffffffffff (3 times in a row)", report.FirstFailure.Observed, StringComparison.Ordinal);
        Assert.Equal(DeploymentTestBed.GitSha, report.FirstFailure.Threshold);
    }

    [Fact]
    public async Task An_error_spike_in_the_bake_window_fails_at_the_next_evaluation_not_at_the_end()
    {
        using var setup = await Setup.CreateAsync();
        var spikeAt = 0.0;
        setup.Metrics.Curve = seconds =>
        {
            var bake = seconds - setup.BakeStartedAfter;
            if (bake < 10)
            {
                return (seconds * 10, 0, 0.05);
            }

            spikeAt = spikeAt == 0 ? seconds : spikeAt;
            return (seconds * 10, 40, 0.05);
        };

        var report = await setup.VerifyAsync();

        var failure = report.FirstFailure!;
        Assert.Equal(VerificationCheck.ErrorRate, failure.Name);
        Assert.Contains("(40 of ", failure.Observed, StringComparison.Ordinal);
        Assert.True(failure.DecidedAt < report.StartedAt + TimeSpan.FromSeconds(setup.BakeStartedAfter) + Bake, "the breach must end verification before the bake window closes");
        Assert.Equal(CheckStatus.NotRun, report.Checks.Single(c => c.Name == VerificationCheck.Latency).Status);
        Assert.StartsWith("production: verification FAILED on autopr-production:1: error-rate: ", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_latency_degradation_fails_the_p99_check()
    {
        using var setup = await Setup.CreateAsync();
        setup.Metrics.Curve = seconds => (seconds * 10, 0, 1.5);

        var report = await setup.VerifyAsync();

        Assert.Equal(VerificationCheck.Latency, report.FirstFailure!.Name);
        Assert.Equal("1500 ms", report.FirstFailure.Observed);
        var errorRate = report.Checks.Single(c => c.Name == VerificationCheck.ErrorRate);
        Assert.Equal(CheckStatus.NotRun, errorRate.Status);
        Assert.Equal("verification stopped at the first failure", errorRate.Detail);
    }

    [Fact]
    public async Task Too_few_requests_never_fail_early_but_are_judged_when_the_window_closes()
    {
        using var setup = await Setup.CreateAsync();
        setup.Metrics.Curve = _ => (4, 1, 0.05);

        var report = await setup.VerifyAsync();

        var failure = report.FirstFailure!;
        Assert.Equal(VerificationCheck.ErrorRate, failure.Name);
        Assert.Equal("25 % (1 of 4 requests)", failure.Observed);
        Assert.True(failure.DecidedAt >= report.StartedAt + Bake, "with few requests the verdict waits for the end of the window");
    }

    [Fact]
    public async Task Without_users_traffic_the_probes_judge_and_the_report_says_why_CloudWatch_did_not()
    {
        using var setup = await Setup.CreateAsync();
        setup.Metrics.Curve = _ => (0, 0, null);

        var report = await setup.VerifyAsync();

        Assert.True(report.Passed, report.ToText());
        var errorRate = report.Checks.Single(c => c.Name == VerificationCheck.ErrorRate);
        Assert.Equal(CheckStatus.NotRun, errorRate.Status);
        Assert.StartsWith("no whole minute of users' traffic published since 12:01 UTC", errorRate.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Passed, report.Checks.Single(c => c.Name == VerificationCheck.Probes).Status);
    }

    [Fact]
    public async Task A_service_on_another_revision_fails_the_rollout_check_and_probes_nothing()
    {
        using var setup = await Setup.CreateAsync();

        var report = await setup.Verifier.VerifyAsync(new VerifyRequest
        {
            TaskDefinitionArn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-production:9",
            BakeWindow = Bake,
        });

        Assert.Equal(VerificationCheck.Rollout, report.FirstFailure!.Name);
        Assert.Equal("autopr-production:1 COMPLETED, 3/3 running", report.FirstFailure.Observed);
        Assert.Equal("autopr-production:9 COMPLETED, all tasks running", report.FirstFailure.Threshold);
        Assert.Equal(0, setup.Endpoint.HealthCalls);
        Assert.All(report.Checks.Skip(1), c => Assert.Equal(CheckStatus.NotRun, c.Status));
    }

    [Fact]
    public async Task Probes_go_only_to_the_environments_own_url_at_its_rate()
    {
        using var setup = await Setup.CreateAsync("local");

        var report = await setup.VerifyAsync();

        Assert.True(report.Passed, report.ToText());
        Assert.True(setup.Endpoint.WorkCalls > 0, "the bake window should have sent requests to /");
        Assert.All(setup.Endpoint.Hosts, h => Assert.Equal(new Uri("http://127.0.0.1:8080"), h));

        // local.json: 40 probes per second over the bake window, and one health probe per second.
        var seconds = Bake.TotalSeconds + setup.BakeStartedAfter + 1;
        Assert.InRange(setup.Endpoint.Hosts.Count, 1, (seconds * 40) + (seconds * 2) + 10);
    }

    [Fact]
    public async Task A_route_the_new_revision_breaks_fails_the_probes_check_whatever_the_users_metrics_say()
    {
        using var setup = await Setup.CreateAsync();
        setup.Endpoint.Answerer = call => ("autopr-production:1", Coin(call, 1) ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);

        var report = await setup.VerifyAsync();

        var failure = report.FirstFailure!;
        Assert.Equal(VerificationCheck.Probes, failure.Name);
        // Broken on every route: all routes together reach a verdict before any one of them does.
        Assert.StartsWith("error rate of autopr-production:1 on all routes together: ", failure.Observed, StringComparison.Ordinal);
        Assert.Contains("(errors per route: / ", failure.Observed, StringComparison.Ordinal);
        Assert.True(failure.DecidedAt < new DateTimeOffset(2026, 1, 15, 12, 1, 0, TimeSpan.Zero), "the probes judge before the first minute of users' metrics could be published");
        Assert.Equal(CheckStatus.NotRun, report.Checks.Single(c => c.Name == VerificationCheck.ErrorRate).Status);
    }

    [Fact]
    public async Task During_the_rollout_the_old_revisions_errors_are_not_charged_to_the_new_one()
    {
        using var setup = await Setup.CreateAsync();
        var newArn = setup.Arn.Replace(":1", ":2", StringComparison.Ordinal);

        // The old revision answers half of / with 500s; the new one is fine. They take turns, as tasks behind one listener do.
        setup.Endpoint.Answerer = call => Coin(call, 1) ? ("autopr-production:1", Coin(call, 2) ? HttpStatusCode.InternalServerError : HttpStatusCode.OK) : ("autopr-production:2", HttpStatusCode.OK);
        var good = await setup.GuardAsync(newArn, TimeSpan.FromSeconds(60));

        // The other way round: the new revision is the broken one.
        setup.Endpoint.Answerer = call => Coin(call, 1) ? ("autopr-production:3", Coin(call, 2) ? HttpStatusCode.InternalServerError : HttpStatusCode.OK) : ("autopr-production:2", HttpStatusCode.OK);
        var bad = await setup.GuardAsync(setup.Arn.Replace(":1", ":3", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Null(good);
        Assert.NotNull(bad);
        // Every route of the new revision fails half its answers: all routes together reach a verdict first.
        Assert.StartsWith("error rate of autopr-production:3 on all routes together: ", bad, StringComparison.Ordinal);
        Assert.Contains(" on autopr-production:2; Fisher's exact test p = ", bad, StringComparison.Ordinal);
    }

    // A fair coin per request that does not follow the order in which the probes take turns between routes.
    private static bool Coin(int call, int salt)
    {
        var x = unchecked(((uint)call * 0x9E3779B9u) + ((uint)salt * 0x85EBCA6Bu));
        x = (x ^ (x >> 16)) * 0x7FEB352Du;
        x = (x ^ (x >> 15)) * 0x846CA68Bu;
        return ((x ^ (x >> 16)) & 1) == 1;
    }

    private sealed class Setup : IDisposable
    {
        private readonly HttpClient _http;

        private Setup(DeploymentTestBed bed, string arn)
        {
            Bed = bed;
            Arn = arn;
            Endpoint = new FakeServiceEndpoint();
            Metrics = new FakeLoadBalancerMetrics(bed.Time);
            bed.Ecs.MetricData = Metrics.Answer;
            _http = new HttpClient(Endpoint);
            Verifier = new Verifier(bed.Client, bed.CloudWatch, _http, bed.Context);
        }

        public DeploymentTestBed Bed { get; }

        public string Arn { get; }

        public FakeServiceEndpoint Endpoint { get; }

        public FakeLoadBalancerMetrics Metrics { get; }

        public Verifier Verifier { get; }

        // Probes before the bake window: N healthy checks, one per second.
        public double BakeStartedAfter => Bed.Environment.Verification.ConsecutiveHealthyChecks - 1;

        public static async Task<Setup> CreateAsync(string environment = "production")
        {
            var bed = new DeploymentTestBed(environment);
            var arn = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
            return new Setup(bed, arn);
        }

        /// <summary>A rollout guard on <paramref name="arn"/>, asked every second for <paramref name="duration"/>; its first breach.</summary>
        public async Task<string?> GuardAsync(string arn, TimeSpan duration)
        {
            await using var guard = Verifier.RolloutGuard();
            guard.Begin(arn);
            return await Bed.Time.DriveAsync(AskAsync());

            async Task<string?> AskAsync()
            {
                var since = Bed.Time.GetUtcNow();
                for (var second = 0; second < duration.TotalSeconds; second++)
                {
                    if (await guard.CheckAsync(since, null, CancellationToken.None) is { } breach)
                    {
                        return breach;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), Bed.Time);
                }

                return null;
            }
        }

        public Task<VerificationReport> VerifyAsync() =>
            Bed.Time.DriveAsync(Verifier.VerifyAsync(new VerifyRequest { BakeWindow = Bake, Actor = "tester" }));

        public void Dispose()
        {
            _http.Dispose();
            Bed.Dispose();
        }
    }
}
