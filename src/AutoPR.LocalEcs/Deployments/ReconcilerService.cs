using AutoPR.LocalEcs.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>Runs the reconciler every poll interval while LocalEcs runs.</summary>
public sealed class ReconcilerService(Reconciler reconciler, LocalEcsOptions options, TimeProvider time, ILogger<ReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, time);
        var failing = false;
        do
        {
            try
            {
                await reconciler.TickAsync(stoppingToken);
                if (failing)
                {
                    logger.LogInformation("Reconciler recovered");
                    failing = false;
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    logger.LogError(error, "Reconciler pass failed (is the Docker engine reachable?); retrying every {Interval}", options.PollInterval);
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
