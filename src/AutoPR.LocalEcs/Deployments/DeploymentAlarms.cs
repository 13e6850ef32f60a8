using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Metrics.Alarms;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// ECS's deployment alarms (deploymentConfiguration.alarms): while a deployment rolls out, and for a bake time after it
/// is steady, an alarm in ALARM fails it (and, with rollback, rolls it back to the last completed deployment). An alarm
/// already in ALARM when the deployment starts turns the check off for that deployment, as on ECS. Rollbacks are not
/// watched.
/// </summary>
public static class DeploymentAlarms
{
    /// <summary>The service event ECS writes when an alarm fails a deployment begins with this.</summary>
    public const string FailedEvent = "deployment failed: alarm detected.";

    public static string RollingBackReason(string deploymentId, IEnumerable<string> alarms) =>
        $"ECS deployment alarms detected ({string.Join(", ", alarms.Select(a => $"alarm {a}"))}): rolling back to deploymentId {deploymentId}.";

    public static string FailedReason(IEnumerable<string> alarms) =>
        $"ECS deployment failed: alarm detected ({string.Join(", ", alarms.Select(a => $"alarm {a}"))}).";

    /// <summary>Looks at the alarms of the primary deployment's rollout; fails it when one is in ALARM.</summary>
    public static void Check(ReconcilePass pass, ServiceRecord service, IAlarmStates? states)
    {
        var primary = service.Primary!;
        var rollout = ServiceScheduler.RolloutOf(service, primary);
        if (states is null || rollout is not { AlarmsStatus: "MONITORING", Rollback: null } || rollout.Configuration.Alarms is not { Watches: true } alarms
            || primary.RolloutState != "IN_PROGRESS" || rollout.Status is not ("IN_PROGRESS" or "PENDING"))
        {
            return;
        }

        var firing = alarms.AlarmNames.Select(states.Find).OfType<MetricAlarm>().Where(a => a.StateValue == AlarmStates.Alarm).ToList();
        if (!rollout.AlarmsStartChecked)
        {
            rollout.AlarmsStartChecked = true;
            if (firing.Count > 0)
            {
                rollout.AlarmsStatus = "DISABLED";
                return;
            }
        }

        if (firing.Count == 0)
        {
            return;
        }

        var names = firing.Select(a => a.AlarmName).ToList();
        rollout.AlarmsStatus = "TRIGGERED";
        rollout.TriggeredAlarmNames = names;
        primary.RolloutState = "FAILED";
        primary.RolloutStateReason = FailedReason(names);
        primary.UpdatedAt = pass.Now;
        rollout.StatusReason = FailedReason(names);
        rollout.UpdatedAt = pass.Now;
        pass.Events(service).Messages.Add(
            $"(deployment {primary.Id}) {FailedEvent} {string.Join("; ", firing.Select(a => $"(alarm {a.AlarmName}) is in ALARM: {a.StateReason}"))}");
        if (alarms.Rollback)
        {
            Rollback.Start(pass, service, rollout, id => RollingBackReason(id, names));
        }
        else
        {
            rollout.Status = "STOPPED";
            rollout.StoppedAt = rollout.FinishedAt = pass.Now;
            rollout.FailAwaitingHooks();
        }
    }

    /// <summary>
    /// Whether a steady rollout may complete: with deployment alarms watched, only after it stayed steady for the bake
    /// time ECS derives from the alarms (the longest Period x EvaluationPeriods, times the time scale).
    /// </summary>
    public static bool BakeTimeOver(ReconcilePass pass, ServiceDeploymentRecord? rollout, IAlarmStates? states)
    {
        if (states is null || rollout is not { AlarmsStatus: "MONITORING", Rollback: null } || rollout.Configuration.Alarms is not { Watches: true } alarms)
        {
            return true;
        }

        rollout.SteadySince ??= pass.Now;
        var bake = alarms.AlarmNames.Select(states.Find).OfType<MetricAlarm>().Select(a => a.EvaluationWindow).DefaultIfEmpty(TimeSpan.Zero).Max();
        if (pass.Now - rollout.SteadySince.Value < pass.Options.Scale(bake))
        {
            return false;
        }

        rollout.AlarmsStatus = "MONITORING_COMPLETE";
        return true;
    }
}
