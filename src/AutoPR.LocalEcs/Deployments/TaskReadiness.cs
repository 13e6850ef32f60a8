using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.LoadBalancer;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>Whether a task counts as healthy for a deployment: RUNNING, container health checks passing, and a healthy target.</summary>
public static class TaskReadiness
{
    public static bool IsHealthy(ReconcilePass pass, TaskRecord task)
    {
        if (task.DesiredStatus != "RUNNING" || task.LastStatus != "RUNNING")
        {
            return false;
        }

        if (task.Containers.Any(c => c.Essential && c.HasHealthCheck) && task.HealthStatus != "HEALTHY")
        {
            return false;
        }

        return task.TargetGroupArn is not { } group || pass.LoadBalancer.Health(group, task.Id) == TargetHealthState.Healthy;
    }

    /// <summary>Within the service's health-check grace period, failed health checks do not stop a task.</summary>
    public static bool InGracePeriod(ReconcilePass pass, ServiceRecord service, TaskRecord task) =>
        service.HealthCheckGracePeriodSeconds is { } grace && task.StartedAt is { } started
        && pass.Now - started < pass.Options.Scale(TimeSpan.FromSeconds(grace));
}
