namespace AutoPR.LocalEcs.Tasks;

/// <summary>The host processes of a task's containers, to tell its own listener from another process's.</summary>
public interface ITaskProcesses
{
    /// <summary>Host pids of the init processes of the task's running containers; empty when none runs; null when Docker cannot say.</summary>
    Task<IReadOnlyList<int>?> InitProcessesAsync(string taskId, CancellationToken cancellationToken);
}
