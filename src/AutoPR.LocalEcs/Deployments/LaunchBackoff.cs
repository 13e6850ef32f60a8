using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// After failed tasks the scheduler waits before launching more (one second per failure, at most a minute,
/// before --time-scale), as ECS throttles task launches of a crash-looping service.
/// </summary>
public static class LaunchBackoff
{
    public static bool Allows(ReconcilePass pass, DeploymentRecord deployment)
    {
        if (deployment.LastFailureAt is not { } failedAt)
        {
            return true;
        }

        var wait = pass.Options.Scale(TimeSpan.FromSeconds(Math.Min(deployment.FailedTasks, 60)));
        return pass.Now - failedAt >= wait;
    }
}
