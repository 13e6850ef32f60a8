using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// One pass of a BLUE_GREEN deployment (ECS native blue/green): scale green up in the alternate target
/// group, shift production traffic on the listener once green is healthy, bake for bakeTimeInMinutes,
/// then stop blue. A rollback before clean-up shifts traffic back to blue at once.
/// </summary>
public static class BlueGreenRollout
{
    public static void Step(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceDeploymentRecord rollout, ServiceTaskFactory tasks)
    {
        var desired = service.DesiredCount;
        var own = pass.TasksOf(service).Where(t => t.StartedBy == green.Id && t.DesiredStatus == "RUNNING").ToList();
        for (var i = own.Count; i < desired && LaunchBackoff.Allows(pass, green); i++)
        {
            tasks.Create(pass, service, green);
            service.SteadyStateReported = false;
        }

        switch (rollout.LifecycleStage)
        {
            case null or "RECONCILE_SERVICE" or "PRE_SCALE_UP" or "SCALE_UP":
                rollout.LifecycleStage = "SCALE_UP";
                if (own.Count(t => TaskReadiness.IsHealthy(pass, t)) >= desired)
                {
                    ShiftTraffic(pass, service, green, rollout);
                }

                break;
            case "BAKE_TIME":
                var bake = pass.Options.Scale(TimeSpan.FromMinutes(rollout.Configuration.BakeTimeInMinutes ?? 0));
                if (pass.Now - (rollout.TrafficShiftedAt ?? pass.Now) >= bake)
                {
                    rollout.LifecycleStage = "CLEAN_UP";
                    rollout.UpdatedAt = pass.Now;
                    goto case "CLEAN_UP";
                }

                break;
            case "CLEAN_UP":
                foreach (var blue in pass.TasksOf(service).Where(t => t.StartedBy != green.Id && t.DesiredStatus == "RUNNING").ToList())
                {
                    ServiceScheduler.StopByScheduler(pass, service, blue, StopReasons.ScalingActivity(green.Id));
                }

                break;
        }

        rollout.UpdatedAt = pass.Now;
    }

    private static void ShiftTraffic(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceDeploymentRecord rollout)
    {
        // The test-traffic stages pass at once: LocalEcs has no separate test listener.
        service.ProductionTargetGroupArn = green.TargetGroupArn;
        rollout.TrafficShiftedAt = pass.Now;
        rollout.LifecycleStage = "BAKE_TIME";
        pass.Events(service).Messages.Add($"(deployment {green.Id}) shifted production traffic to (target-group {green.TargetGroupArn}).");
    }
}
