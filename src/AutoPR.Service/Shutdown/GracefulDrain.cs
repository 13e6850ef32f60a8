using AutoPR.Service.Configuration;
using AutoPR.Service.Health;

namespace AutoPR.Service.Shutdown;

/// <summary>
/// Zero-downtime stop. On SIGTERM the host calls every StoppingAsync before it stops the server, so
/// here readiness turns 503 and the service keeps serving for the drain period while load balancers
/// notice; then Kestrel stops accepting, lets in-flight requests finish (within HostOptions.ShutdownTimeout)
/// and the process exits 0.
/// </summary>
internal sealed class GracefulDrain(
    ReadinessTracker readiness,
    ShutdownSettings settings,
    TimeProvider time,
    ILogger<GracefulDrain> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        readiness.MarkReady();
        logger.LogInformation("Ready: {Path:l} answers 200", HealthEndpoints.ReadinessPath);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!readiness.BeginDraining())
        {
            return;
        }

        logger.LogInformation("Draining for {Seconds} s: {Path:l} answers 503, requests are still served ({Variable:l})",
            settings.Drain.TotalSeconds, HealthEndpoints.ReadinessPath, ShutdownSettings.DrainVariable);
        if (settings.Drain <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(settings.Drain, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Drain cut short: the shutdown timeout ran out ({Variable:l})", ShutdownSettings.TimeoutVariable);
            return;
        }

        logger.LogInformation("Drain finished: stopping the server and waiting for in-flight requests");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
