using AutoPR.LocalEcs.Tasks;

namespace AutoPR.LocalEcs.Tests.Fakes;

/// <summary>
/// Containers in memory. A launched container runs; with a health check it starts "starting" and the test
/// (or <see cref="Behaviour"/>) decides when it turns healthy, unhealthy or exits.
/// </summary>
public sealed class FakeTaskRuntime : ITaskRuntime
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Decides what a new container does: by default it runs and turns healthy at once.</summary>
    public Func<TaskLaunchSpec, ContainerLaunchSpec, FakeOutcome> Behaviour { get; set; } = (_, _) => FakeOutcome.Healthy;

    public List<TaskLaunchSpec> Launched { get; } = [];

    /// <summary>Every stop asked of a container, with its timeout.</summary>
    public List<(string ContainerId, TimeSpan Timeout)> Stops { get; } = [];

    public int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _containers.Values.Count(c => c.State == "running");
            }
        }
    }

    public IReadOnlyList<string> RunningTasks
    {
        get
        {
            lock (_gate)
            {
                return [.. _containers.Values.Where(c => c.State == "running").Select(c => c.TaskId)];
            }
        }
    }

    public int ContainerCount
    {
        get
        {
            lock (_gate)
            {
                return _containers.Count;
            }
        }
    }

    public Task<IReadOnlyList<ObservedContainer>> ObserveAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ObservedContainer>>([.. _containers.Values.Select(c => new ObservedContainer(c.Id, c.TaskId, c.Name, c.State, c.Health))]);
        }
    }

    public Task<LaunchedTask> LaunchAsync(TaskLaunchSpec spec, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Launched.Add(spec);
            var launched = new List<LaunchedContainer>();
            foreach (var container in spec.Containers)
            {
                var outcome = Behaviour(spec, container);
                if (outcome == FakeOutcome.FailsToLaunch)
                {
                    throw new TaskLaunchException("CannotPullContainerError: pull image manifest has been retried 1 time(s): not found");
                }

                var id = "c" + (++_next);
                _containers[id] = new FakeContainer(id, spec.TaskId, container.Name)
                {
                    State = outcome == FakeOutcome.Crashes ? "exited" : "running",
                    ExitCode = outcome == FakeOutcome.Crashes ? 3 : 0,
                    Health = container.HealthCheck is null ? null : outcome switch
                    {
                        FakeOutcome.Healthy => "healthy",
                        FakeOutcome.Unhealthy => "unhealthy",
                        _ => "starting",
                    },
                };
                launched.Add(new LaunchedContainer(container.Name, id, "sha256:fake", "sha256:fake-image-" + container.Name));
            }

            return Task.FromResult(new LaunchedTask(launched));
        }
    }

    public Task<ContainerExit?> InspectExitAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_containers.TryGetValue(containerId, out var container) ? new ContainerExit(container.ExitCode, null, false) : null);
        }
    }

    public Task StopAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Stops.Add((containerId, timeout));
            if (_containers.TryGetValue(containerId, out var container) && container.State == "running")
            {
                container.State = "exited";
                container.ExitCode = 0;
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _containers.Remove(containerId);
        }

        return Task.CompletedTask;
    }

    public Task<int> RemoveAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var count = _containers.Count;
            _containers.Clear();
            return Task.FromResult(count);
        }
    }

    /// <summary>Sets the Docker health of a task's containers.</summary>
    public void SetHealth(string taskId, string health)
    {
        lock (_gate)
        {
            foreach (var container in _containers.Values.Where(c => c.TaskId == taskId))
            {
                container.Health = health;
            }
        }
    }

    private sealed class FakeContainer(string id, string taskId, string name)
    {
        public string Id { get; } = id;

        public string TaskId { get; } = taskId;

        public string Name { get; } = name;

        public string State { get; set; } = "running";

        public string? Health { get; set; }

        public int ExitCode { get; set; }
    }
}

public enum FakeOutcome
{
    Healthy,
    StaysStarting,
    Unhealthy,
    Crashes,
    FailsToLaunch,
}
