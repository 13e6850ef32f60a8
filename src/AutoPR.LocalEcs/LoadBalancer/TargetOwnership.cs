using AutoPR.LocalEcs.Ports;
using AutoPR.LocalEcs.Tasks;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// Whether a health check that passed reached the task's own container. Tasks share the host's network, so
/// whatever listens at a task's address and port answers its health checks, possibly another stack's container.
/// </summary>
public sealed class TargetOwnership(PortHolders ports, ITaskProcesses tasks)
{
    /// <summary>The health-check failure to report when the listener belongs to another process; null when it is the task's own or nobody can tell.</summary>
    public async Task<string?> ForeignListenerAsync(Target target, CancellationToken cancellationToken)
    {
        if (await tasks.InitProcessesAsync(target.TaskId, cancellationToken) is not { } processes)
        {
            return null;
        }

        var verdict = ports.Ownership(target.Host, target.Port, processes);
        return verdict is { Owner: ListenerOwner.Foreign, Holder: { } holder }
            ? $"Health checks failed: the listener at {PortHolders.Endpoint(target.Host, target.Port)} belongs to another process ({holder}), not this task's container"
            : null;
    }
}
