using AutoPR.LocalEcs.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// Probes every registered target's health-check path at the configured interval and moves targets
/// between initial, healthy and unhealthy with the healthy/unhealthy thresholds (ALB target health checks).
/// </summary>
public sealed class TargetHealthChecker : BackgroundService
{
    private readonly TargetGroups _groups;
    private readonly TargetOwnership _ownership;
    private readonly LocalEcsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;

    public TargetHealthChecker(TargetGroups groups, TargetOwnership ownership, LocalEcsOptions options, TimeProvider time, ILogger<TargetHealthChecker> logger)
    {
        _groups = groups;
        _ownership = ownership;
        _options = options;
        _time = time;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    /// <summary>One round of checks over every target (also used directly by tests).</summary>
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var timeout = Min(_options.Scale(_options.TargetHealthCheckTimeout), Interval);
        await Task.WhenAll(_groups.CheckableTargets().Select(async entry =>
        {
            var (success, failure) = await ProbeAsync(entry.Target, timeout, cancellationToken);
            var foreign = false;
            if (success && entry.Target.State != TargetHealthState.Healthy
                && await _ownership.ForeignListenerAsync(entry.Target, cancellationToken) is { } notOwn)
            {
                // Checked until the target first counts as healthy: from then on its own container holds the
                // address and port, and no other process can listen there while it does.
                (success, failure, foreign) = (false, notOwn, true);
            }

            _groups.ReportCheck(entry.TargetGroupArn, entry.Target, success, failure, _options.HealthyThreshold, _options.UnhealthyThreshold, foreign);
        }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                await CheckAllAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _logger.LogWarning(error, "Target health checks failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private TimeSpan Interval => Max(_options.Scale(_options.TargetHealthCheckInterval), TimeSpan.FromMilliseconds(100));

    private async Task<(bool Success, string? Failure)> ProbeAsync(Target target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await _http.GetAsync(new Uri(target.BaseUri, _options.TargetHealthCheckPath), HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400 ? (true, null) : (false, $"Health checks failed with these codes: [{code}]");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, "Request timed out");
        }
        catch (HttpRequestException)
        {
            return (false, "Health checks failed: connection refused");
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
