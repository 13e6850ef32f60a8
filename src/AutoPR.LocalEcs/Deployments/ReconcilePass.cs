using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Ports;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// One reconciler pass over the state: the time, the load balancer's view, and the Docker work and
/// service events the pass decides on (carried out after the state lock is released).
/// </summary>
public sealed class ReconcilePass(EcsState state, DateTimeOffset now, ILoadBalancer loadBalancer, LocalEcsOptions options, IReadOnlySet<string> launching, PortHolders ports)
{
    private readonly Dictionary<ServiceRecord, EventBatch> _events = [];

    public EcsState State { get; } = state;

    public DateTimeOffset Now { get; } = now;

    public ILoadBalancer LoadBalancer { get; } = loadBalancer;

    public LocalEcsOptions Options { get; } = options;

    /// <summary>Who listens where on the machine (to say why a container that could not listen exited).</summary>
    public PortHolders Ports { get; } = ports;

    /// <summary>Tasks whose launch is in flight (their containers may not exist yet).</summary>
    public IReadOnlySet<string> Launching { get; } = launching;

    /// <summary>Running containers of stopping tasks, with their stop timeouts.</summary>
    public List<(string ContainerId, TimeSpan Timeout)> ContainersToStop { get; } = [];

    /// <summary>Containers of stopped tasks, to remove from Docker.</summary>
    public List<string> ContainersToRemove { get; } = [];

    public IEnumerable<TaskRecord> TasksOf(ServiceRecord service) =>
        State.Tasks.Values.Where(t => t.ClusterName == service.ClusterName && t.ServiceName == service.Name && !t.IsStopped);

    public ServiceRecord? ServiceOf(TaskRecord task) =>
        task.ServiceName is null ? null : State.Services.GetValueOrDefault(EcsState.ServiceKey(task.ClusterName, task.ServiceName));

    public EventBatch Events(ServiceRecord service) => _events.TryGetValue(service, out var batch) ? batch : _events[service] = new EventBatch();

    /// <summary>Writes the pass's aggregated events to each service, in the order ECS reports them.</summary>
    public void FlushEvents()
    {
        foreach (var (service, batch) in _events)
        {
            batch.WriteTo(service, Now);
        }

        _events.Clear();
    }

    /// <summary>Service events collected during a pass, aggregated like ECS ("has started 2 tasks: ...").</summary>
    public sealed class EventBatch
    {
        public List<string> Started { get; } = [];

        public List<string> Stopped { get; } = [];

        public Dictionary<string, int> Registered { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Deregistered { get; } = new(StringComparer.Ordinal);

        public List<string> Messages { get; } = [];

        public void WriteTo(ServiceRecord service, DateTimeOffset now)
        {
            if (Stopped.Count > 0)
            {
                ServiceEvents.Add(service, now, $"has stopped {Stopped.Count} running tasks: {string.Join(' ', Stopped.Select(t => $"(task {t})"))}.");
            }

            foreach (var (group, count) in Deregistered)
            {
                ServiceEvents.Add(service, now, $"has begun draining connections on {count} tasks.");
                ServiceEvents.Add(service, now, $"deregistered {count} targets in (target-group {group})");
            }

            if (Started.Count > 0)
            {
                ServiceEvents.Add(service, now, $"has started {Started.Count} tasks: {string.Join(' ', Started.Select(t => $"(task {t})"))}.");
            }

            foreach (var (group, count) in Registered)
            {
                ServiceEvents.Add(service, now, $"registered {count} targets in (target-group {group})");
            }

            foreach (var message in Messages)
            {
                ServiceEvents.Add(service, now, message);
            }
        }
    }
}
