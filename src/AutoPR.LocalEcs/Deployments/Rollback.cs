using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// Rolls a service back to the revision of its last completed deployment: the deployment still running that
/// revision becomes PRIMARY again (its tasks keep serving), or a new deployment of it starts. A traffic shift's
/// production and test traffic go back to blue at once, in this pass, and awaiting lifecycle hooks fail.
/// </summary>
public static class Rollback
{
    public static void Start(ReconcilePass pass, ServiceRecord service, ServiceDeploymentRecord rollout, Func<string, string> reasonFor)
    {
        rollout.FailAwaitingHooks();
        var current = service.Primary;
        var stable = service.LastCompletedRevisionArn is { } arn ? service.Revisions.LastOrDefault(r => r.Arn == arn) : null;
        if (current is not null && current.RolloutState == "IN_PROGRESS")
        {
            current.RolloutState = "FAILED";
            current.RolloutStateReason ??= "Service deployment rolled back.";
            current.UpdatedAt = pass.Now;
        }

        if (stable is null || current?.ServiceRevisionArn == stable.Arn)
        {
            rollout.Status = "ROLLBACK_FAILED";
            rollout.StatusReason = "There is no completed deployment to roll back to.";
            rollout.FinishedAt = rollout.StoppedAt = rollout.UpdatedAt = pass.Now;
            return;
        }

        if (current is not null)
        {
            current.Status = "ACTIVE";
        }

        var target = service.Deployments.FirstOrDefault(d => d.Status == "ACTIVE" && d.ServiceRevisionArn == stable.Arn && pass.TasksOf(service).Any(t => t.StartedBy == d.Id));
        if (target is null)
        {
            target = new DeploymentRecord
            {
                Id = EcsNames.NewDeploymentId(),
                ServiceRevisionArn = stable.Arn,
                ServiceDeploymentArn = rollout.Arn,
                TaskDefinitionArn = stable.TaskDefinitionArn,
                CreatedAt = pass.Now,
                TargetGroupArn = service.LoadBalancers.Count > 0 ? service.ProductionTargetGroupArn : null,
            };
            service.Deployments.Insert(0, target);
        }
        else
        {
            service.Deployments.Remove(target);
            service.Deployments.Insert(0, target);
        }

        var reason = reasonFor(target.Id);
        target.Status = "PRIMARY";
        target.RolloutState = "IN_PROGRESS";
        target.RolloutStateReason = reason;
        target.DesiredCount = service.DesiredCount;
        target.FailedTasks = 0;
        target.UpdatedAt = pass.Now;
        service.TaskDefinitionArn = target.TaskDefinitionArn;
        service.SteadyStateReported = false;
        if (target.TargetGroupArn is { } group)
        {
            TrafficShifts.BackToBlue(service, group, pass.Events(service).Messages.Add);
        }

        if (rollout.TrafficShiftRequired)
        {
            rollout.ProductionTrafficWeight = 0;
            rollout.TestTrafficWeight = 0;
        }

        rollout.StatusReason ??= reason;
        rollout.Status = "ROLLBACK_IN_PROGRESS";
        rollout.Rollback = new RollbackRecord(reason, pass.Now, stable.Arn, target.Id);
        rollout.UpdatedAt = pass.Now;
        pass.Events(service).Messages.Add($"rolling back to deployment {target.Id}.");
    }
}
