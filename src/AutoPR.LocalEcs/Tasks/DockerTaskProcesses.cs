using Docker.DotNet;
using Docker.DotNet.Models;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>A task's container processes as Docker reports them: the host pid of each running container's init process.</summary>
public sealed class DockerTaskProcesses(DockerClient docker, string instanceId) : ITaskProcesses, IDisposable
{
    public async Task<IReadOnlyList<int>?> InitProcessesAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            var containers = await docker.Containers.ListContainersAsync(
                new ContainersListParameters
                {
                    Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["label"] = new Dictionary<string, bool>
                        {
                            [$"{ContainerLabels.Instance}={instanceId}"] = true,
                            [$"{ContainerLabels.Task}={taskId}"] = true,
                        },
                    },
                },
                cancellationToken);
            var pids = new List<int>();
            foreach (var container in containers)
            {
                var inspect = await docker.Containers.InspectContainerAsync(container.ID, cancellationToken);
                if (inspect.State is { Running: true, Pid: > 0 } state)
                {
                    pids.Add((int)state.Pid);
                }
            }

            return pids;
        }
        catch (Exception error) when (error is DockerApiException or HttpRequestException)
        {
            return null;
        }
    }

    public void Dispose() => docker.Dispose();
}
