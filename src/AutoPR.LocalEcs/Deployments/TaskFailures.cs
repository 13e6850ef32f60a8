using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>Counts a failed task against its deployment and the circuit breaker of the service deployment rolling it out.</summary>
public static class TaskFailures
{
    public static void Count(ServiceRecord? service, TaskRecord task, DateTimeOffset now)
    {
        if (service is null || task.FailureCounted)
        {
            return;
        }

        task.FailureCounted = true;
        var deployment = service.Deployments.FirstOrDefault(d => d.Id == task.StartedBy);
        if (deployment is null)
        {
            return;
        }

        deployment.FailedTasks++;
        deployment.LastFailureAt = now;
        var rollout = service.ServiceDeployments.FirstOrDefault(sd => !sd.IsFinished
            && (sd.DeploymentId == deployment.Id || sd.Rollback?.DeploymentId == deployment.Id));
        if (rollout is not null)
        {
            rollout.CircuitBreakerFailureCount++;
        }
    }
}
