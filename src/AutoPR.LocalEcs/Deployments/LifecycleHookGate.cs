using System.Globalization;
using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// PAUSE lifecycle hooks: a deployment that reaches a stage a hook names stops there, with a hook detail
/// AWAITING_ACTION, until ContinueServiceDeployment settles it or the hook's timeout (scaled by --time-scale) takes
/// its timeout action. Several hooks at one stage wait one after the other.
/// </summary>
public static class LifecycleHookGate
{
    /// <summary>True once every PAUSE hook at the stage (and production step) is settled; false while one waits or after its timeout rolled the deployment back.</summary>
    public static bool Passes(ReconcilePass pass, ServiceRecord service, ServiceDeploymentRecord rollout, string stage, int step = 0)
    {
        // ECS runs RECONCILE_SERVICE only when the deployment starts with more than one active revision.
        if (!LifecycleStages.Hookable.Contains(stage) || (stage == LifecycleStages.ReconcileService && rollout.SourceRevisions.Count < 2))
        {
            return true;
        }

        var hooks = rollout.Configuration.LifecycleHooks;
        for (var index = 0; index < hooks.Count; index++)
        {
            if (hooks[index].TargetType != "PAUSE" || !hooks[index].LifecycleStages.Contains(stage))
            {
                continue;
            }

            var detail = rollout.LifecycleHookDetails.FirstOrDefault(d => d.HookIndex == index && d.Stage == stage && d.Step == step);
            if (detail is null)
            {
                Pause(pass, service, rollout, hooks[index], index, stage, step);
                return false;
            }

            if (detail.Status == "AWAITING_ACTION" && (pass.Now < detail.ExpiresAt || !TimeOut(pass, service, rollout, detail)))
            {
                return false;
            }

            // FAILED: ContinueServiceDeployment asked for a rollback, which the scheduler carries out.
            if (detail.Status == "FAILED")
            {
                return false;
            }
        }

        return true;
    }

    private static void Pause(ReconcilePass pass, ServiceRecord service, ServiceDeploymentRecord rollout, LifecycleHookSettings hook, int index, string stage, int step)
    {
        var detail = new LifecycleHookDetailRecord
        {
            HookId = EcsNames.NewPauseHookId(),
            ExpiresAt = pass.Now + pass.Options.Scale(TimeSpan.FromMinutes(hook.TimeoutInMinutes ?? LifecycleHookSettings.DefaultTimeoutInMinutes)),
            TimeoutAction = hook.TimeoutAction ?? LifecycleHookSettings.DefaultTimeoutAction,
            HookIndex = index,
            Stage = stage,
            Step = step,
        };
        rollout.LifecycleHookDetails.Add(detail);
        rollout.UpdatedAt = pass.Now;
        pass.Events(service).Messages.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"(deployment {rollout.DeploymentId}) paused at {stage}: lifecycle hook {detail.HookId} awaits ContinueServiceDeployment until {detail.ExpiresAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, then {detail.TimeoutAction}."));
    }

    /// <summary>The hook timed out: CONTINUE lets the deployment go on (true), ROLLBACK rolls it back at once (false).</summary>
    private static bool TimeOut(ReconcilePass pass, ServiceRecord service, ServiceDeploymentRecord rollout, LifecycleHookDetailRecord detail)
    {
        detail.Status = "TIMED_OUT";
        rollout.UpdatedAt = pass.Now;
        pass.Events(service).Messages.Add($"(deployment {rollout.DeploymentId}) lifecycle hook {detail.HookId} timed out at {detail.Stage}; its timeout action is {detail.TimeoutAction}.");
        if (detail.TimeoutAction != "ROLLBACK")
        {
            return true;
        }

        var reason = $"Service deployment rolled back: lifecycle hook {detail.HookId} timed out at {detail.Stage} (timeout action ROLLBACK).";
        Rollback.Start(pass, service, rollout, _ => reason);
        return false;
    }
}
