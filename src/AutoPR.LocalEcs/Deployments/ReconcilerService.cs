using AutoPR.LocalEcs.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// Runs the reconciler every poll interval while LocalEcs runs, from the moment the API listens: the containers it
/// launches get the API's address in ECS_CONTAINER_METADATA_URI_V4, which with --port 0 is known only then.
/// </summary>
public sealed class ReconcilerService(Reconciler reconciler, ApiEndpoint api, LocalEcsOptions options, TimeProvider time, ILogger<ReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await api.WhenListeningAsync(stoppingToken);
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
