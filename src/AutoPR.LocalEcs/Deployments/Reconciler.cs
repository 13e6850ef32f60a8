using System.Collections.Concurrent;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Faults;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Logs;
using AutoPR.LocalEcs.Ports;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// The control loop. Each pass reads Docker, then under the state lock moves tasks through their lifecycle
/// and lets the service scheduler drive deployments, then carries out the Docker work it decided on
/// (launches and stops run in the background so a slow container never holds the loop) and syncs listeners.
/// After a restart the first pass re-registers running tasks with the load balancer and relaunches
/// tasks whose launch was interrupted, so deployments in progress resume.
/// </summary>
public sealed class Reconciler : IDisposable
{
    private static readonly TimeSpan StoppedTaskRetention = TimeSpan.FromHours(1);
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(5);
    private readonly EcsStore _store;
    private readonly ITaskRuntime _runtime;
    private readonly ILoadBalancer _loadBalancer;
    private readonly TaskLaunchPlanner _planner;
    private readonly TaskFaults _faults;
    private readonly ServiceScheduler _scheduler;
    private readonly LocalEcsOptions _options;
    private readonly TimeProvider _time;
    private readonly PortHolders _ports;
    private readonly IContainerLogCapture _logs;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task> _launches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _stops = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private bool _recovered;

    public Reconciler(EcsStore store, ITaskRuntime runtime, ILoadBalancer loadBalancer, TaskLaunchPlanner planner, TaskFaults faults, ServiceScheduler scheduler, LocalEcsOptions options, TimeProvider time, PortHolders ports, ILogger<Reconciler>? logger = null, IContainerLogCapture? logs = null)
    {
        _store = store;
        _runtime = runtime;
        _loadBalancer = loadBalancer;
        _planner = planner;
        _faults = faults;
        _scheduler = scheduler;
        _options = options;
        _time = time;
        _ports = ports;
        _logs = logs ?? new NoLogCapture();
        _logger = logger ?? NullLogger<Reconciler>.Instance;
    }

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var observed = await _runtime.ObserveAsync(cancellationToken);
        var exits = new Dictionary<string, ContainerExit>(StringComparer.Ordinal);
        foreach (var container in observed.Where(c => c.HasExited))
        {
            if (await _runtime.InspectExitAsync(container.ContainerId, cancellationToken) is { } exit)
            {
                exits[container.ContainerId] = exit;
            }

            // All an exited container wrote is in its log stream before its task can be seen STOPPED.
            await _logs.DrainAsync(container.ContainerId, OutputDrainTimeout, cancellationToken);
        }

        var byId = observed.ToDictionary(c => c.ContainerId, StringComparer.Ordinal);
        var launches = new List<(string TaskId, TaskLaunchSpec Spec)>();
        var follow = new List<TaskContainerRecord>();
        var (pass, listeners) = await _store.WriteAsync(state =>
        {
            var pass = new ReconcilePass(state, _time.GetUtcNow(), _loadBalancer, _options, _launches.Keys.ToHashSet(StringComparer.Ordinal), _ports);
            if (!_recovered)
            {
                Recover(pass);
                follow.AddRange(state.Tasks.Values.Where(t => !t.IsStopped).SelectMany(t => t.Containers).Where(c => c is { RuntimeId: not null, LastStatus: not "STOPPED" }));
                _recovered = true;
            }

            foreach (var task in state.Tasks.Values.Where(t => !t.IsStopped))
            {
                TaskLifecycle.Observe(pass, task, byId, exits);
            }

            foreach (var service in state.Services.Values)
            {
                _scheduler.Schedule(pass, service);
            }

            foreach (var task in state.Tasks.Values.Where(t => t.DesiredStatus == "STOPPED" && !t.IsStopped))
            {
                TaskLifecycle.AdvanceStop(pass, task);
            }

            PlanLaunches(pass, launches);
            RemoveOrphans(pass, observed);
            Prune(pass);
            pass.FlushEvents();
            return (pass, ListenerSpecs(state));
        }, cancellationToken);

        foreach (var (containerId, timeout) in pass.ContainersToStop)
        {
            StartBackground(_stops, containerId, () => _runtime.StopAsync(containerId, timeout, _lifetime.Token));
        }

        foreach (var container in follow)
        {
            FollowOutput(container);
        }

        foreach (var containerId in pass.ContainersToRemove.Distinct(StringComparer.Ordinal))
        {
            await _logs.DrainAsync(containerId, OutputDrainTimeout, cancellationToken);
            await _runtime.RemoveAsync(containerId, cancellationToken);
        }

        foreach (var (taskId, spec) in launches)
        {
            StartBackground(_launches, taskId, () => LaunchAsync(taskId, spec));
        }

        await _loadBalancer.SyncListenersAsync(listeners, cancellationToken);
    }

    /// <summary>Waits for the launches and stops started so far (tests use it to make passes deterministic).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_launches.Values.Concat(_stops.Values));

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private void StartBackground(ConcurrentDictionary<string, Task> running, string key, Func<Task> work)
    {
        if (running.ContainsKey(key))
        {
            return;
        }

        var completion = new TaskCompletionSource();
        if (!running.TryAdd(key, completion.Task))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _logger.LogWarning(error, "Background Docker work for {Key} failed", key);
            }
            catch (OperationCanceledException)
            {
                _logger.LogDebug("Background Docker work for {Key} cancelled", key);
            }
            finally
            {
                running.TryRemove(key, out _);
                completion.SetResult();
            }
        });
    }

    private async Task LaunchAsync(string taskId, TaskLaunchSpec spec)
    {
        var started = _time.GetUtcNow();
        try
        {
            var launched = await _runtime.LaunchAsync(spec, _lifetime.Token);
            var records = await _store.WriteAsync(state =>
            {
                if (!state.Tasks.TryGetValue(taskId, out var task))
                {
                    return [];
                }

                foreach (var container in launched.Containers)
                {
                    var record = task.Containers.First(c => c.Name == container.Name);
                    record.RuntimeId = container.ContainerId;
                    record.ImageDigest = container.ImageDigest;
                    record.ImageId = container.ImageId;
                    record.LastStatus = "PENDING";
                }

                task.PullStartedAt = started;
                task.PullStoppedAt = _time.GetUtcNow();
                task.LastStatus = "PENDING";
                task.Touch();
                return task.Containers.ToList();
            }, CancellationToken.None);
            foreach (var container in records)
            {
                FollowOutput(container);
            }
        }
        catch (TaskLaunchException error)
        {
            _logger.LogWarning("Task {TaskId} failed to start: {Reason}", taskId, error.Message);
            await _store.WriteAsync(state => FailLaunch(state, taskId, error.Message), CancellationToken.None);
        }
    }

    private void FollowOutput(TaskContainerRecord container)
    {
        if (container is { RuntimeId: { } id, LogGroup: { } group, LogStream: { } stream })
        {
            _logs.Follow(id, group, stream);
        }
    }

    private void FailLaunch(EcsState state, string taskId, string reason)
    {
        if (!state.Tasks.TryGetValue(taskId, out var task) || task.IsStopped)
        {
            return;
        }

        var now = _time.GetUtcNow();
        TaskLifecycle.RequestStop(task, reason, StopReasons.CodeTaskFailedToStart, now);
        task.LastStatus = "STOPPED";
        task.StoppedAt = now;
        foreach (var container in task.Containers)
        {
            container.LastStatus = "STOPPED";
            container.Reason ??= reason;
        }

        var service = task.ServiceName is null ? null : state.Services.GetValueOrDefault(EcsState.ServiceKey(task.ClusterName, task.ServiceName));
        TaskFailures.Count(service, task, now);
    }

    private void PlanLaunches(ReconcilePass pass, List<(string TaskId, TaskLaunchSpec Spec)> launches)
    {
        foreach (var task in pass.State.Tasks.Values.Where(t => t.LastStatus == "PROVISIONING" && t.DesiredStatus == "RUNNING" && !pass.Launching.Contains(t.Id)).ToList())
        {
            try
            {
                var definition = Ecs.EcsLookup.TaskDefinition(pass.State, task.TaskDefinitionArn);
                var faults = task.ServiceName is null ? new Dictionary<string, string>() : _faults.TakeForLaunch(task.ClusterName, task.ServiceName);
                launches.Add((task.Id, _planner.Plan(task, definition, faults)));
            }
            catch (TaskLaunchException error)
            {
                _logger.LogWarning("Task {TaskId} failed to start: {Reason}", task.Id, error.Message);
                FailLaunch(pass.State, task.Id, error.Message);
            }
        }
    }

    /// <summary>After a restart the load balancer is empty: put back the targets of running and draining tasks.</summary>
    private static void Recover(ReconcilePass pass)
    {
        foreach (var task in pass.State.Tasks.Values.Where(t => !t.IsStopped && t.TargetGroupArn is not null))
        {
            var port = pass.ServiceOf(task)?.LoadBalancers.FirstOrDefault()?.ContainerPort ?? task.Containers.FirstOrDefault()?.ContainerPort ?? 0;
            pass.LoadBalancer.Register(task.TargetGroupArn!, task.Id, task.Address, port, knownHealthy: task.TargetHealth == nameof(TargetHealthState.Healthy));
            if (task.DeregisteredAt is not null)
            {
                pass.LoadBalancer.Deregister(task.TargetGroupArn!, task.Id);
            }
        }
    }

    /// <summary>Containers of this instance that no live task claims (a task stopped, or state lost) are removed.</summary>
    private static void RemoveOrphans(ReconcilePass pass, IReadOnlyList<ObservedContainer> observed)
    {
        foreach (var container in observed)
        {
            var claimed = pass.State.Tasks.TryGetValue(container.TaskId, out var task)
                && !task.IsStopped
                && (task.LastStatus == "PROVISIONING" || task.Containers.Any(c => c.RuntimeId == container.ContainerId));
            if (!claimed && !pass.Launching.Contains(container.TaskId))
            {
                pass.ContainersToRemove.Add(container.ContainerId);
            }
        }
    }

    private static void Prune(ReconcilePass pass)
    {
        foreach (var task in pass.State.Tasks.Values.Where(t => t.IsStopped && pass.Now - (t.StoppedAt ?? pass.Now) > StoppedTaskRetention).ToList())
        {
            pass.State.Tasks.Remove(task.Id);
        }
    }

    /// <summary>Every service's listener, and its test listener when it has one; both come back from the state after a restart.</summary>
    private static List<ListenerSpec> ListenerSpecs(EcsState state)
    {
        var specs = new List<ListenerSpec>();
        foreach (var service in state.Services.Values.Where(s => s.Status != "INACTIVE" && s.ProductionTargetGroupArn is not null))
        {
            if (service.ListenerAddress is { } address)
            {
                specs.Add(new ListenerSpec(service.Key, address, new ListenerRoute(service.ProductionTargetGroupArn!, service.GreenTargetGroupArn, service.GreenProductionPercent)));
            }

            if (service.TestListenerAddress is { } test)
            {
                specs.Add(new ListenerSpec(service.Key, test, new ListenerRoute(service.TestTargetGroupArn!), IsTest: true));
            }
        }

        return specs;
    }
}
