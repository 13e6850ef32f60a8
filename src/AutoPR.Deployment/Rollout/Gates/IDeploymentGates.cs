using AutoPR.Deployment.Ecs.Views;

namespace AutoPR.Deployment.Rollout.Gates;

/// <summary>Decides, on each poll, what to do about the lifecycle hook a traffic-shifting deployment waits at.</summary>
public interface IDeploymentGates
{
    /// <summary>
    /// <paramref name="deployment"/> waits at <paramref name="hook"/> (AWAITING_ACTION); <paramref name="taskDefinitionArn"/>
    /// is the revision being deployed.
    /// </summary>
    Task<GateVerdict> AtHookAsync(EcsServiceDeploymentView deployment, EcsLifecycleHookDetail hook, string taskDefinitionArn, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken);
}
