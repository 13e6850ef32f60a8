using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// Starts a deployment of a service's current settings: a new service revision, a PRIMARY deployment
/// (older ones become ACTIVE) and a service deployment that records the change and its outcome.
/// </summary>
public sealed class DeploymentStarter(EcsNames names, TimeProvider time)
{
    public DeploymentRecord Start(EcsState state, ServiceRecord service)
    {
        var now = time.GetUtcNow();
        var tasks = state.Tasks.Values.Where(t => t.ClusterName == service.ClusterName && t.ServiceName == service.Name && !t.IsStopped).ToList();
        foreach (var previous in service.ServiceDeployments.Where(d => !d.IsFinished))
        {
            // ECS stops an unfinished service deployment when a newer one supersedes it.
            previous.Status = "STOPPED";
            previous.StatusReason = "Service deployment was superseded by a newer deployment.";
            previous.StoppedAt = previous.FinishedAt = previous.UpdatedAt = now;
            previous.FailAwaitingHooks();
        }

        // A superseded traffic shift leaves nothing on its green: production and test traffic return to blue.
        if (service.ProductionTargetGroupArn is { } production)
        {
            TrafficShifts.BackToBlue(service, production, message => ServiceEvents.Add(service, now, message));
        }

        var revision = new ServiceRevisionRecord(names.ServiceRevisionArn(service.ClusterName, service.Name), service.TaskDefinitionArn, now, [.. service.LoadBalancers]);
        service.Revisions.Add(revision);
        var sources = service.Deployments
            .Where(d => d.Status != "INACTIVE")
            .Select(d => new RevisionCount(
                d.ServiceRevisionArn,
                d.DesiredCount,
                tasks.Count(t => t.StartedBy == d.Id && t.LastStatus == "RUNNING"),
                tasks.Count(t => t.StartedBy == d.Id && ServiceShape.IsPending(t))))
            .ToList();
        var hasRunningPredecessor = service.Deployments.Any(d => d.Status != "INACTIVE" && tasks.Any(t => t.StartedBy == d.Id));
        var blue = service.Deployments.FirstOrDefault(d => d.Status != "INACTIVE" && d.TargetGroupArn is not null && d.TargetGroupArn == service.ProductionTargetGroupArn && tasks.Any(t => t.StartedBy == d.Id));
        foreach (var previous in service.Deployments.Where(d => d.Status == "PRIMARY"))
        {
            previous.Status = "ACTIVE";
            previous.UpdatedAt = now;
        }

        var serviceDeployment = new ServiceDeploymentRecord
        {
            Arn = names.ServiceDeploymentArn(service.ClusterName, service.Name),
            DeploymentId = EcsNames.NewDeploymentId(),
            CreatedAt = now,
            StartedAt = now,
            UpdatedAt = now,
            SourceRevisions = sources,
            TargetRevisionArn = revision.Arn,
            Status = "IN_PROGRESS",
            LifecycleStage = service.Deployment.ShiftsTraffic ? LifecycleStages.ReconcileService : LifecycleStages.ScaleUp,
            Configuration = service.Deployment,
            CircuitBreakerStatus = service.Deployment.CircuitBreakerEnabled ? "MONITORING" : "DISABLED",
            CircuitBreakerThreshold = CircuitBreaker.Threshold(service.DesiredCount),
            AlarmsStatus = service.Deployment.Alarms is { Watches: true } ? "MONITORING" : "DISABLED",
        };
        service.ServiceDeployments.Insert(0, serviceDeployment);
        var deployment = new DeploymentRecord
        {
            Id = serviceDeployment.DeploymentId,
            ServiceRevisionArn = revision.Arn,
            ServiceDeploymentArn = serviceDeployment.Arn,
            TaskDefinitionArn = service.TaskDefinitionArn,
            DesiredCount = service.DesiredCount,
            CreatedAt = now,
            UpdatedAt = now,
            TargetGroupArn = TargetGroupFor(service, hasRunningPredecessor),
        };
        service.Deployments.Insert(0, deployment);
        serviceDeployment.TrafficShiftRequired = deployment.TargetGroupArn is not null && deployment.TargetGroupArn != service.ProductionTargetGroupArn;
        if (serviceDeployment.TrafficShiftRequired)
        {
            serviceDeployment.BlueRevisionArn = blue?.ServiceRevisionArn;
        }
        else
        {
            // Nothing to shift: the new revision takes production traffic as its tasks join the target group.
            serviceDeployment.ProductionTrafficWeight = 100;
        }

        service.SteadyStateReported = false;
        return deployment;
    }

    /// <summary>Rolling tasks join the production target group; a traffic shift's green tasks join the other one.</summary>
    private static string? TargetGroupFor(ServiceRecord service, bool hasRunningPredecessor)
    {
        if (service.LoadBalancers.Count == 0)
        {
            return null;
        }

        var lb = service.LoadBalancers[0];
        var alternate = lb.AlternateTargetGroupArn ?? lb.TargetGroupArn + "-alternate";
        if (service.ProductionTargetGroupArn != lb.TargetGroupArn && service.ProductionTargetGroupArn != alternate)
        {
            service.ProductionTargetGroupArn = lb.TargetGroupArn;
        }

        if (!service.Deployment.ShiftsTraffic || !hasRunningPredecessor)
        {
            return service.ProductionTargetGroupArn;
        }

        return service.ProductionTargetGroupArn == lb.TargetGroupArn ? alternate : lb.TargetGroupArn;
    }
}
