using AutoPR.LocalEcs.Ecs.Model;
using static AutoPR.LocalEcs.Ecs.Model.LifecycleStages;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// One pass of a BLUE_GREEN, CANARY or LINEAR deployment, through ECS's lifecycle stages in order: green scales up
/// in the alternate target group (SCALE_UP), the test listener moves to green (TEST_TRAFFIC_SHIFT), production
/// traffic moves by the strategy's <see cref="TrafficPlan"/> (PRODUCTION_TRAFFIC_SHIFT), both revisions run for
/// bakeTimeInMinutes (BAKE_TIME), then blue stops (CLEAN_UP). PAUSE hooks stop the deployment at the stages
/// they name (<see cref="LifecycleHookGate"/>). Blue keeps running until CLEAN_UP, so a rollback is one traffic move.
/// </summary>
public static class TrafficShiftRollout
{
    public static void Step(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceDeploymentRecord rollout, ServiceTaskFactory tasks)
    {
        rollout.LifecycleStage ??= ReconcileService;
        if (IndexOf(rollout.LifecycleStage) > IndexOf(ScaleUp))
        {
            KeepGreenAtDesiredCount(pass, service, green, tasks);
        }

        // Stages without work (or whose work is done) pass in the same pass, as long as no hook stops them.
        while (rollout.Rollback is null && Advance(pass, service, green, rollout, tasks, rollout.LifecycleStage))
        {
            rollout.LifecycleStage = InOrder[IndexOf(rollout.LifecycleStage) + 1];
        }

        rollout.UpdatedAt = pass.Now;
    }

    /// <summary>Does the stage's work for this pass; true when it is done and the deployment moves to the next stage.</summary>
    private static bool Advance(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceDeploymentRecord rollout, ServiceTaskFactory tasks, string stage)
    {
        if (!LifecycleHookGate.Passes(pass, service, rollout, stage))
        {
            return false;
        }

        switch (stage)
        {
            case ScaleUp:
                var healthy = KeepGreenAtDesiredCount(pass, service, green, tasks);
                return healthy >= service.DesiredCount;
            case TestTrafficShift:
                TrafficShifts.ShiftTest(pass, service, green, rollout);
                return true;
            case ProductionTrafficShift:
                return ShiftProductionStep(pass, service, green, rollout);
            case BakeTime:
                var bake = pass.Options.Scale(TimeSpan.FromMinutes(rollout.Configuration.BakeTimeInMinutes ?? 0));
                return pass.Now - (rollout.TrafficShiftedAt ?? pass.Now) >= bake;
            case CleanUp:
                // The scheduler declares the deployment complete once only green runs.
                foreach (var blue in pass.TasksOf(service).Where(t => t.StartedBy != green.Id && t.DesiredStatus == "RUNNING").ToList())
                {
                    ServiceScheduler.StopByScheduler(pass, service, blue, StopReasons.ScalingActivity(green.Id));
                }

                return false;
            default:
                return true;
        }
    }

    /// <summary>At most one production step a pass (each weight serves for a while); true after the last one.</summary>
    private static bool ShiftProductionStep(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceDeploymentRecord rollout)
    {
        var plan = TrafficPlan.For(rollout.Configuration);
        var taken = rollout.ProductionTrafficSteps;
        if (taken >= plan.Steps.Count)
        {
            return true;
        }

        if (taken > 0 && pass.Now - (rollout.LastProductionTrafficStepAt ?? pass.Now) < pass.Options.Scale(plan.BakeBetweenSteps))
        {
            return false;
        }

        // ECS runs PRE_PRODUCTION_TRAFFIC_SHIFT hooks before every production step.
        if (!LifecycleHookGate.Passes(pass, service, rollout, PreProductionTrafficShift, taken))
        {
            return false;
        }

        TrafficShifts.ShiftProduction(pass, service, green, rollout, plan.Steps[taken]);
        rollout.ProductionTrafficSteps = taken + 1;
        rollout.LastProductionTrafficStepAt = pass.Now;
        return rollout.ProductionTrafficSteps >= plan.Steps.Count;
    }

    /// <summary>Launches green tasks up to the desired count (replacing failed ones); returns how many are healthy.</summary>
    private static int KeepGreenAtDesiredCount(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceTaskFactory tasks)
    {
        var own = pass.TasksOf(service).Where(t => t.StartedBy == green.Id && t.DesiredStatus == "RUNNING").ToList();
        for (var i = own.Count; i < service.DesiredCount && LaunchBackoff.Allows(pass, green); i++)
        {
            tasks.Create(pass, service, green);
            service.SteadyStateReported = false;
        }

        return own.Count(t => TaskReadiness.IsHealthy(pass, t));
    }

    private static int IndexOf(string stage) => LifecycleStages.IndexOf(stage) is var index and >= 0
        ? index
        : throw new InvalidOperationException($"Unknown lifecycle stage {stage}.");
}
