using AutoPR.Service.Hosting;

namespace AutoPR.Service.Faults;

/// <summary>
/// AUTOPR_FAULT_CRASH_ON_START=&lt;seconds&gt;: the process exits with code 3 that long after it starts
/// (0: before it listens), the way a crash-looping container behaves. A stop that comes first disarms it.
/// </summary>
internal sealed class CrashOnStartFault(
    FaultSettings faults,
    IProcessTerminator terminator,
    TimeProvider time,
    ILogger<CrashOnStartFault> logger) : IHostedLifecycleService, IDisposable
{
    private ITimer? _timer;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (faults.CrashOnStartAfter is not { } after)
        {
            return Task.CompletedTask;
        }

        if (after <= TimeSpan.Zero)
        {
            Crash(after);
        }
        else
        {
            logger.LogWarning("Crash fault armed: the service exits with code {ExitCode} in {Seconds} s ({Variable:l})",
                ExitCodes.CrashFault, after.TotalSeconds, FaultSettings.CrashOnStartVariable);
            _timer = time.CreateTimer(_ => Crash(after), null, after, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        Interlocked.Exchange(ref _timer, null)?.Dispose();
    }

    private void Crash(TimeSpan after)
    {
        logger.LogCritical("Crash fault: exiting with code {ExitCode} after {Seconds} s as {Variable:l} asks",
            ExitCodes.CrashFault, after.TotalSeconds, FaultSettings.CrashOnStartVariable);
        terminator.Terminate(ExitCodes.CrashFault);
    }
}
