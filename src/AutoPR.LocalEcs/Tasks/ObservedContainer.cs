namespace AutoPR.LocalEcs.Tasks;

/// <summary>What Docker says about one LocalEcs container right now.</summary>
/// <param name="ContainerId">Docker container id.</param>
/// <param name="TaskId">ECS task id from the container's labels.</param>
/// <param name="ContainerName">Task-definition container name from the labels.</param>
/// <param name="State">Docker state: created, running, exited, dead, restarting, removing, paused.</param>
/// <param name="Health">Docker health: null (no health check), starting, healthy, unhealthy.</param>
public sealed record ObservedContainer(string ContainerId, string TaskId, string ContainerName, string State, string? Health)
{
    public bool IsRunning => State is "running" or "restarting" or "paused";

    public bool HasExited => State is "exited" or "dead";
}
