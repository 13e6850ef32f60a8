using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Tests.Rollout.Fakes;
using AutoPR.Deployment.Verification;

namespace AutoPR.Deployment.Tests.Verification;

/// <summary>The bake window's thresholds applied while the new revision rolls out.</summary>
public sealed class RolloutMetricsGuardTests : IDisposable
{
    private readonly DeploymentTestBed _bed = new();
    private readonly FakeLoadBalancerMetrics _metrics;
    private readonly HttpClient _http = new(new FakeServiceEndpoint());
    private readonly Verifier _verifier;

    public RolloutMetricsGuardTests()
    {
        _metrics = new FakeLoadBalancerMetrics(_bed.Time);
        _bed.Ecs.MetricData = _metrics.Answer;
        _verifier = new Verifier(_bed.Client, _bed.CloudWatch, _http, _bed.Context);
    }

    [Fact]
    public async Task An_error_rate_over_the_threshold_is_a_breach_once_enough_requests_arrived()
    {
        // Production allows 1 %; 10 requests a second, 30 % of them failing.
        _metrics.Curve = seconds => (seconds * 10, seconds * 3, 0.05);
        await using var guard = _verifier.RolloutGuard();
        var since = _bed.Time.GetUtcNow();

        var early = await guard.CheckAsync(since, null, CancellationToken.None);
        _bed.Time.Advance(TimeSpan.FromSeconds(3));
        var later = await guard.CheckAsync(since, null, CancellationToken.None);

        Assert.Null(early);
        Assert.Equal("error rate 30 % (9 of 30 requests) in the 3 s since its first task ran, max 1 %", later);
    }

    [Fact]
    public async Task The_load_balancers_own_5xx_while_no_target_is_healthy_do_not_count_against_the_new_revision()
    {
        // A first deployment: every request answered 503 by the load balancer until a task is a healthy target.
        _metrics.Curve = seconds => (seconds * 10, 0, 0.05);
        _metrics.LoadBalancerErrors = seconds => seconds * 10;
        await using var guard = _verifier.RolloutGuard();
        var since = _bed.Time.GetUtcNow();
        _bed.Time.Advance(TimeSpan.FromSeconds(5));

        var breach = await guard.CheckAsync(since, null, CancellationToken.None);

        Assert.Null(breach);
    }

    [Fact]
    public async Task A_p99_over_the_threshold_is_a_breach()
    {
        _metrics.Curve = seconds => (seconds * 10, 0, 1.5);
        await using var guard = _verifier.RolloutGuard();
        var since = _bed.Time.GetUtcNow();
        _bed.Time.Advance(TimeSpan.FromSeconds(4));

        var breach = await guard.CheckAsync(since, null, CancellationToken.None);

        Assert.Equal("p99 latency 1500 ms in the 4 s since its first task ran, max 800 ms", breach);
    }

    [Fact]
    public async Task Healthy_traffic_passes_and_metrics_are_read_at_most_once_per_interval()
    {
        await using var guard = _verifier.RolloutGuard();
        var since = _bed.Time.GetUtcNow();
        var log = new EventLog();

        for (var i = 0; i < 8; i++)
        {
            _bed.Time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Null(await guard.CheckAsync(since, log, CancellationToken.None));
        }

        // 4 s at one check per 2 s.
        Assert.Equal(2, _metrics.Requests.Count);
        Assert.Contains(log.Of<VerificationObserved>(), e => e.Text.StartsWith("during the rollout: 5 requests, error rate 0 % (max 1 %), p99 50 ms (max 800 ms)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_that_cannot_be_read_do_not_fail_the_rollout()
    {
        _bed.Ecs.MetricData = _ => throw new FakeAwsException("InvalidParameterCombination", "CloudWatch refuses the query");
        await using var guard = _verifier.RolloutGuard();
        _bed.Time.Advance(TimeSpan.FromSeconds(30));

        var breach = await guard.CheckAsync(_bed.Time.GetUtcNow().AddSeconds(-30), null, CancellationToken.None);

        Assert.Null(breach);
    }

    public void Dispose()
    {
        _http.Dispose();
        _bed.Dispose();
    }
}
