using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tasks;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// Moves tasks through ECS's lifecycle from what Docker reports: PENDING to RUNNING when the essential
/// containers run, a stop when an essential container exits, and for stopping tasks DEACTIVATING (draining
/// the load balancer), STOPPING (containers stopped) and STOPPED.
/// </summary>
public static class TaskLifecycle
{
    public static void RequestStop(TaskRecord task, string reason, string stopCode, DateTimeOffset now)
    {
        if (task.DesiredStatus == "STOPPED")
        {
            return;
        }

        task.DesiredStatus = "STOPPED";
        task.StoppedReason ??= reason;
        task.StopCode ??= stopCode;
        task.StoppingAt = now;
        task.Touch();
    }

    /// <summary>Applies Docker's view to one task's containers and status.</summary>
    public static void Observe(ReconcilePass pass, TaskRecord task, IReadOnlyDictionary<string, ObservedContainer> observed, IReadOnlyDictionary<string, ContainerExit> exits)
    {
        if (task.LastStatus == "PROVISIONING")
        {
            return;
        }

        foreach (var container in task.Containers.Where(c => c.RuntimeId is not null && c.LastStatus != "STOPPED"))
        {
            if (!observed.TryGetValue(container.RuntimeId!, out var seen))
            {
                container.LastStatus = "STOPPED";
                container.Reason ??= "The container no longer exists in Docker.";
                task.Touch();
                continue;
            }

            if (seen.IsRunning)
            {
                var health = seen.Health switch
                {
                    "healthy" => "HEALTHY",
                    "unhealthy" => "UNHEALTHY",
                    _ => "UNKNOWN",
                };
                if (container.LastStatus != "RUNNING" || container.HealthStatus != health)
                {
                    container.LastStatus = "RUNNING";
                    container.HealthStatus = health;
                    task.Touch();
                }
            }
            else if (seen.HasExited)
            {
                container.LastStatus = "STOPPED";
                if (exits.TryGetValue(seen.ContainerId, out var exit))
                {
                    container.ExitCode = exit.ExitCode;
                    container.Reason = exit.OutOfMemory ? "OutOfMemoryError: Container killed due to memory usage" : exit.Error;
                }

                container.Reason ??= PortConflict(pass, task, container);
                task.Touch();
            }
        }

        UpdateHealth(task);
        if (task.TargetGroupArn is { } registeredIn && pass.LoadBalancer.Health(registeredIn, task.Id).ToString() is var targetHealth && targetHealth != task.TargetHealth)
        {
            task.TargetHealth = targetHealth;
        }

        var essential = task.Containers.Where(c => c.Essential).ToList();
        if (task is { LastStatus: "PENDING", StartedAt: null } && essential.All(c => c.LastStatus == "RUNNING" || c.ExitCode is not null))
        {
            // A container that ran and exited between two passes was never seen running, but it started.
            task.StartedAt = pass.Now;
        }

        if (task.LastStatus == "PENDING" && essential.All(c => c.LastStatus == "RUNNING"))
        {
            task.LastStatus = "RUNNING";
            task.Touch();
            RegisterTarget(pass, task);
        }

        if (task.DesiredStatus == "RUNNING" && essential.Any(c => c.LastStatus == "STOPPED"))
        {
            RequestStop(task, StopReasons.EssentialContainerExited, StopReasons.CodeEssentialContainerExited, pass.Now);
            TaskFailures.Count(pass.ServiceOf(task), task, pass.Now);
        }
    }

    /// <summary>Advances a task whose desired status is STOPPED: drain, stop containers, then STOPPED.</summary>
    public static void AdvanceStop(ReconcilePass pass, TaskRecord task)
    {
        if (task.LastStatus == "PROVISIONING" && pass.Launching.Contains(task.Id))
        {
            return;
        }

        if (task.TargetGroupArn is { } group)
        {
            if (task.DeregisteredAt is null && pass.LoadBalancer.Health(group, task.Id) != TargetHealthState.Unused)
            {
                pass.LoadBalancer.Deregister(group, task.Id);
                task.DeregisteredAt = pass.Now;
                task.LastStatus = "DEACTIVATING";
                task.Touch();
                if (pass.ServiceOf(task) is { } service)
                {
                    var deregistered = pass.Events(service).Deregistered;
                    deregistered[group] = deregistered.GetValueOrDefault(group) + 1;
                }

                return;
            }

            var draining = pass.Now - (task.DeregisteredAt ?? pass.Now);
            if (draining < pass.Options.Scale(pass.Options.DeregistrationDelay) && pass.LoadBalancer.InFlight(group, task.Id) > 0)
            {
                return;
            }

            pass.LoadBalancer.Remove(group, task.Id);
            task.TargetGroupArn = null;
        }

        var running = task.Containers.Where(c => c.RuntimeId is not null && c.LastStatus != "STOPPED").ToList();
        if (running.Count > 0)
        {
            if (task.LastStatus != "STOPPING")
            {
                task.LastStatus = "STOPPING";
                task.Touch();
            }

            pass.ContainersToStop.AddRange(running.Select(c => (c.RuntimeId!, TimeSpan.FromSeconds(c.StopTimeoutSeconds))));
            return;
        }

        task.LastStatus = "STOPPED";
        task.StoppedAt = pass.Now;
        task.StoppingAt ??= pass.Now;
        task.HealthStatus = task.HealthStatus == "HEALTHY" ? "HEALTHY" : "UNKNOWN";
        foreach (var container in task.Containers)
        {
            container.LastStatus = "STOPPED";
            if (container.RuntimeId is not null)
            {
                pass.ContainersToRemove.Add(container.RuntimeId);
            }
        }

        task.Touch();
    }

    /// <summary>A RUNNING task of a load-balanced deployment joins that deployment's target group.</summary>
    private static void RegisterTarget(ReconcilePass pass, TaskRecord task)
    {
        var service = pass.ServiceOf(task);
        var deployment = service?.Deployments.FirstOrDefault(d => d.Id == task.StartedBy);
        if (service is null || deployment?.TargetGroupArn is not { } group || service.LoadBalancers.Count == 0)
        {
            return;
        }

        var port = service.LoadBalancers[0].ContainerPort;
        pass.LoadBalancer.Register(group, task.Id, task.Address, port);
        task.TargetGroupArn = group;
        var registered = pass.Events(service).Registered;
        registered[group] = registered.GetValueOrDefault(group) + 1;
    }

    /// <summary>
    /// Tasks share the host's network (awsvpc would give each its own interface), so a container can fail because
    /// another process holds its address and port. When one still does after the container failed, say so: that
    /// is why it could not listen.
    /// </summary>
    private static string? PortConflict(ReconcilePass pass, TaskRecord task, TaskContainerRecord container) =>
        container is { ExitCode: not (null or 0), ContainerPort: { } port } && pass.Ports.HolderOf(task.Address, port) is { } holder
            ? $"{task.Address}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)} is held by another process ({holder}), so the container could not listen on its port"
            : null;

    private static void UpdateHealth(TaskRecord task)
    {
        var checkedContainers = task.Containers.Where(c => c.Essential && c.HasHealthCheck).ToList();
        var health = checkedContainers.Count == 0 ? "UNKNOWN"
            : checkedContainers.Any(c => c.HealthStatus == "UNHEALTHY") ? "UNHEALTHY"
            : checkedContainers.All(c => c.HealthStatus == "HEALTHY") ? "HEALTHY"
            : "UNKNOWN";
        if (health != task.HealthStatus)
        {
            task.HealthStatus = health;
            task.Touch();
        }
    }
}
