namespace AutoPR.LocalEcs.Logs;

/// <summary>Copies a container's stdout and stderr into its CloudWatch Logs stream while it runs.</summary>
public interface IContainerLogCapture
{
    /// <summary>Starts following the container (once; later calls for it are ignored while it is followed).</summary>
    void Follow(string containerId, string group, string stream);

    /// <summary>Waits (bounded) until everything the stopped container wrote is in its stream, so it can be removed.</summary>
    Task DrainAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Captures nothing (the state-machine tests' fake Docker has no output).</summary>
public sealed class NoLogCapture : IContainerLogCapture
{
    public void Follow(string containerId, string group, string stream)
    {
    }

    public Task DrainAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;
}
