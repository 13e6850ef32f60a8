using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// One pass of a ROLLING deployment: start primary tasks while the service stays at or under
/// maximumPercent, and stop older tasks while the healthy count stays at or above minimumHealthyPercent.
/// At 100/200 no old task stops before a new one is healthy, so no request is lost.
/// </summary>
public static class RollingRollout
{
    public static void Step(ReconcilePass pass, ServiceRecord service, DeploymentRecord primary, ServiceTaskFactory tasks)
    {
        var desired = service.DesiredCount;
        var settings = service.Deployment;
        var maxTotal = desired * settings.MaximumPercent / 100;
        var minHealthy = (int)Math.Ceiling(desired * settings.MinimumHealthyPercent / 100.0);
        var live = pass.TasksOf(service).Where(t => t.DesiredStatus == "RUNNING").ToList();
        var own = live.Where(t => t.StartedBy == primary.Id).ToList();
        var healthy = live.Count(t => TaskReadiness.IsHealthy(pass, t));

        // Scale in: surplus primary tasks go first, the least healthy and newest of them.
        foreach (var task in own.OrderBy(t => TaskReadiness.IsHealthy(pass, t)).ThenByDescending(t => t.CreatedAt).Take(Math.Max(0, own.Count - desired)))
        {
            ServiceScheduler.StopByScheduler(pass, service, task, StopReasons.ScalingActivity(primary.Id));
            live.Remove(task);
            if (TaskReadiness.IsHealthy(pass, task))
            {
                healthy--;
            }
        }

        var launch = LaunchBackoff.Allows(pass, primary) ? Math.Min(desired - Math.Min(own.Count, desired), Math.Max(0, maxTotal - live.Count)) : 0;
        for (var i = 0; i < launch; i++)
        {
            tasks.Create(pass, service, primary);
            service.SteadyStateReported = false;
        }

        // Old tasks: unhealthy ones can always go; healthy ones only while enough stay healthy.
        foreach (var task in live.Where(t => t.StartedBy != primary.Id).OrderBy(t => TaskReadiness.IsHealthy(pass, t)).ToList())
        {
            var isHealthy = TaskReadiness.IsHealthy(pass, task);
            if (isHealthy && healthy - 1 < minHealthy)
            {
                continue;
            }

            ServiceScheduler.StopByScheduler(pass, service, task, StopReasons.ScalingActivity(primary.Id));
            if (isHealthy)
            {
                healthy--;
            }
        }
    }
}
