namespace AutoPR.Service.Faults;

/// <summary>
/// AUTOPR_FAULT_START_DELAY_SECONDS=&lt;n&gt;: waits before the server starts listening, like a slow-starting
/// application; health-check grace periods and deployment timeouts are tested against it.
/// </summary>
internal sealed class StartDelayFault(FaultSettings faults, TimeProvider time, ILogger<StartDelayFault> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (faults.StartDelay <= TimeSpan.Zero)
        {
            return;
        }

        logger.LogWarning("Start delay fault: waiting {Seconds} s before listening ({Variable:l})",
            faults.StartDelay.TotalSeconds, FaultSettings.StartDelayVariable);
        await Task.Delay(faults.StartDelay, time, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
