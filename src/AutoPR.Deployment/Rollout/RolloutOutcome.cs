namespace AutoPR.Deployment.Rollout;

/// <summary>How a watched ECS rollout ended. Only <see cref="Succeeded"/> is a success.</summary>
public enum RolloutOutcome
{
    /// <summary>The service deployment succeeded on the target revision.</summary>
    Succeeded,

    /// <summary>ECS stopped the deployment, or could not roll it back.</summary>
    Failed,

    /// <summary>ECS rolled the deployment back (circuit breaker, alarms, StopServiceDeployment): a failure.</summary>
    RolledBack,

    /// <summary>Not finished within the timeout; ECS may still be rolling out.</summary>
    TimedOut,

    /// <summary>Left waiting at a manual gate (--no-wait): not a failure; ./build.sh Continue carries it on.</summary>
    AwaitingApproval,
}
