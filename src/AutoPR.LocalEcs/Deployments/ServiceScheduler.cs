using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Metrics.Alarms;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// ECS's service scheduler for one service and one pass: replaces unhealthy tasks, trips the circuit
/// breaker, carries out StopServiceDeployment and ContinueServiceDeployment's rollbacks, rolls deployments
/// out (ROLLING, or BLUE_GREEN, CANARY and LINEAR by shifting traffic) and declares them complete.
/// </summary>
public sealed class ServiceScheduler(ServiceTaskFactory tasks, IAlarmStates? alarms = null)
{
    public void Schedule(ReconcilePass pass, ServiceRecord service)
    {
        if (service.Status == "INACTIVE")
        {
            return;
        }

        if (service.Status == "DRAINING")
        {
            Drain(pass, service);
            return;
        }

        if (service.Primary is null)
        {
            return;
        }

        HandleStopRequests(pass, service);
        EnforceHealth(pass, service);
        CheckCircuitBreaker(pass, service);
        DeploymentAlarms.Check(pass, service, alarms);
        var primary = service.Primary!;
        var rollout = RolloutOf(service, primary);
        if (rollout is { TrafficShiftRequired: true, Rollback: null } && rollout.DeploymentId == primary.Id)
        {
            TrafficShiftRollout.Step(pass, service, primary, rollout, tasks);
        }
        else
        {
            RollingRollout.Step(pass, service, primary, tasks);
        }

        Complete(pass, service, primary, rollout);
        RetireEmptyDeployments(pass, service);
    }

    /// <summary>The unfinished service deployment that is rolling out (or rolling back to) the primary deployment.</summary>
    public static ServiceDeploymentRecord? RolloutOf(ServiceRecord service, DeploymentRecord primary) =>
        service.ServiceDeployments.FirstOrDefault(sd => !sd.IsFinished && (sd.DeploymentId == primary.Id || sd.Rollback?.DeploymentId == primary.Id));

    public static void StopByScheduler(ReconcilePass pass, ServiceRecord service, TaskRecord task, string reason)
    {
        if (task.DesiredStatus == "STOPPED")
        {
            return;
        }

        TaskLifecycle.RequestStop(task, reason, StopReasons.CodeServiceScheduler, pass.Now);
        pass.Events(service).Stopped.Add(task.Id);
    }

    private static void HandleStopRequests(ReconcilePass pass, ServiceRecord service)
    {
        var rollout = RolloutOf(service, service.Primary!);
        if (rollout?.Status == "ROLLBACK_REQUESTED")
        {
            var reason = rollout.RequestedRollbackReason ?? "Service deployment rolled back by StopServiceDeployment (stopType ROLLBACK).";
            Rollback.Start(pass, service, rollout, _ => reason);
        }
        else if (rollout?.Status == "STOP_REQUESTED")
        {
            rollout.Status = "STOPPED";
            rollout.StatusReason = "Service deployment stopped by StopServiceDeployment (stopType ABORT).";
            rollout.StoppedAt = rollout.FinishedAt = rollout.UpdatedAt = pass.Now;
            rollout.FailAwaitingHooks();
            if (service.Primary!.RolloutState == "IN_PROGRESS")
            {
                service.Primary.RolloutState = "FAILED";
                service.Primary.RolloutStateReason = "Service deployment aborted.";
            }
        }
    }

    /// <summary>Stops tasks whose container or target health checks fail once the grace period is over.</summary>
    private static void EnforceHealth(ReconcilePass pass, ServiceRecord service)
    {
        foreach (var task in pass.TasksOf(service).Where(t => t.DesiredStatus == "RUNNING" && t.LastStatus == "RUNNING").ToList())
        {
            if (TaskReadiness.InGracePeriod(pass, service, task))
            {
                continue;
            }

            if (task.HealthStatus == "UNHEALTHY")
            {
                StopByScheduler(pass, service, task, StopReasons.ContainerHealthChecks);
                TaskFailures.Count(service, task, pass.Now);
                pass.Events(service).Messages.Add($"(task {task.Id}) failed container health checks.");
            }
            else if (task.TargetGroupArn is { } group && pass.LoadBalancer.Health(group, task.Id) == TargetHealthState.Unhealthy)
            {
                StopByScheduler(pass, service, task, StopReasons.ElbHealthChecks(group));
                TaskFailures.Count(service, task, pass.Now);
                var port = service.LoadBalancers.FirstOrDefault()?.ContainerPort;
                pass.Events(service).Messages.Add($"(port {port}) is unhealthy in (target-group {group}) due to (reason Health checks failed).");
            }
        }
    }

    private static void CheckCircuitBreaker(ReconcilePass pass, ServiceRecord service)
    {
        var primary = service.Primary!;
        var rollout = RolloutOf(service, primary);
        if (rollout is null || !rollout.Configuration.CircuitBreakerEnabled || primary.RolloutState != "IN_PROGRESS"
            || primary.FailedTasks < rollout.CircuitBreakerThreshold)
        {
            return;
        }

        if (rollout.Status == "ROLLBACK_IN_PROGRESS")
        {
            // The revision rolled back to fails as well: give up as ECS does.
            primary.RolloutState = "FAILED";
            primary.RolloutStateReason = CircuitBreaker.FailedReason;
            rollout.Status = "ROLLBACK_FAILED";
            rollout.StatusReason = "The rollback deployment failed: tasks failed to start.";
            rollout.FinishedAt = rollout.UpdatedAt = pass.Now;
            return;
        }

        primary.RolloutState = "FAILED";
        primary.RolloutStateReason = CircuitBreaker.FailedReason;
        primary.UpdatedAt = pass.Now;
        rollout.CircuitBreakerStatus = "TRIGGERED";
        rollout.StatusReason = CircuitBreaker.FailedReason;
        rollout.UpdatedAt = pass.Now;
        pass.Events(service).Messages.Add($"(deployment {primary.Id}) deployment failed: tasks failed to start.");
        if (rollout.Configuration.CircuitBreakerRollback)
        {
            Rollback.Start(pass, service, rollout, CircuitBreaker.RollingBackReason);
        }
        else
        {
            rollout.Status = "STOPPED";
            rollout.StoppedAt = rollout.FinishedAt = pass.Now;
            rollout.FailAwaitingHooks();
        }
    }

    private void Complete(ReconcilePass pass, ServiceRecord service, DeploymentRecord primary, ServiceDeploymentRecord? rollout)
    {
        var all = pass.TasksOf(service).ToList();
        var own = all.Where(t => t.StartedBy == primary.Id && t.DesiredStatus == "RUNNING").ToList();
        var steady = own.Count == service.DesiredCount && own.All(t => TaskReadiness.IsHealthy(pass, t)) && all.All(t => t.StartedBy == primary.Id && t.DesiredStatus == "RUNNING");
        if (!steady)
        {
            if (rollout is not null)
            {
                rollout.SteadySince = null;
            }

            return;
        }

        if (primary.RolloutState == "IN_PROGRESS" && !DeploymentAlarms.BakeTimeOver(pass, rollout, alarms))
        {
            return;
        }

        if (primary.RolloutState == "IN_PROGRESS")
        {
            primary.RolloutState = "COMPLETED";
            primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
            primary.UpdatedAt = pass.Now;
            service.LastCompletedRevisionArn = primary.ServiceRevisionArn;
            if (rollout is not null)
            {
                rollout.Status = rollout.Rollback is not null ? "ROLLBACK_SUCCESSFUL" : "SUCCESSFUL";
                rollout.FinishedAt = rollout.UpdatedAt = pass.Now;
                rollout.LifecycleStage = "CLEAN_UP";
                if (rollout.CircuitBreakerStatus == "MONITORING")
                {
                    rollout.CircuitBreakerStatus = "MONITORING_COMPLETE";
                }
            }

            pass.Events(service).Messages.Add($"(deployment {primary.Id}) deployment completed.");
        }

        if (!service.SteadyStateReported)
        {
            service.SteadyStateReported = true;
            pass.Events(service).Messages.Add("has reached a steady state.");
        }
    }

    private static void RetireEmptyDeployments(ReconcilePass pass, ServiceRecord service)
    {
        var withTasks = pass.TasksOf(service).Select(t => t.StartedBy).ToHashSet(StringComparer.Ordinal);
        service.Deployments.RemoveAll(d => d.Status != "PRIMARY" && !withTasks.Contains(d.Id));
    }

    private static void Drain(ReconcilePass pass, ServiceRecord service)
    {
        var live = pass.TasksOf(service).ToList();
        foreach (var task in live.Where(t => t.DesiredStatus == "RUNNING"))
        {
            StopByScheduler(pass, service, task, StopReasons.ScalingActivity(service.Primary?.Id ?? "deleted"));
        }

        if (live.Count == 0)
        {
            service.Status = "INACTIVE";
            foreach (var rollout in service.ServiceDeployments.Where(sd => !sd.IsFinished))
            {
                rollout.Status = "STOPPED";
                rollout.StatusReason = "The service was deleted.";
                rollout.StoppedAt = rollout.FinishedAt = rollout.UpdatedAt = pass.Now;
                rollout.FailAwaitingHooks();
            }
        }
    }
}
