namespace AutoPR.Deployment.Rollout;

/// <summary>How a deployment ended. Only <see cref="Succeeded"/>, <see cref="Unchanged"/>, <see cref="DryRun"/> and <see cref="AwaitingApproval"/> are successes.</summary>
public enum DeploymentStatus
{
    /// <summary>The rollout completed on the new revision.</summary>
    Succeeded,

    /// <summary>The rendered revision and configuration already run: nothing was changed.</summary>
    Unchanged,

    /// <summary>Planned only.</summary>
    DryRun,

    /// <summary>The rollout failed.</summary>
    Failed,

    /// <summary>ECS rolled the rollout back.</summary>
    RolledBack,

    /// <summary>The rollout did not finish in time; ECS may still be rolling out (roll back with StopServiceDeployment).</summary>
    TimedOut,

    /// <summary>Left waiting at a manual gate (--no-wait); ./build.sh Continue carries it on or rolls it back.</summary>
    AwaitingApproval,
}
