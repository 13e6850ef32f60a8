namespace AutoPR.LocalEcs.Tasks;

/// <summary>Runs task containers. Docker in LocalEcs; a fake in the deployment state-machine tests.</summary>
public interface ITaskRuntime
{
    /// <summary>Every container this LocalEcs instance owns, as Docker sees it now.</summary>
    Task<IReadOnlyList<ObservedContainer>> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>Creates and starts the task's containers; throws <see cref="TaskLaunchException"/> with ECS's reason.</summary>
    Task<LaunchedTask> LaunchAsync(TaskLaunchSpec spec, CancellationToken cancellationToken);

    /// <summary>How the container ended; null when it is already gone.</summary>
    Task<ContainerExit?> InspectExitAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="timeout"/> (the container's stopTimeout).</summary>
    Task StopAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken);

    Task RemoveAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Force-removes every container this instance owns; returns how many.</summary>
    Task<int> RemoveAllAsync(CancellationToken cancellationToken);
}
