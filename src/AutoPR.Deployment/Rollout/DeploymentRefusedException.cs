namespace AutoPR.Deployment.Rollout;

/// <summary>Why a deployment refused to start.</summary>
public enum RefusalReason
{
    /// <summary>The environment requires approval and the deployment was not confirmed.</summary>
    ApprovalRequired,

    /// <summary>ECS reports a deployment of the service in progress.</summary>
    DeploymentInProgress,

    /// <summary>Another deployment of the environment runs on this machine.</summary>
    Locked,

    /// <summary>There is nothing to roll back to.</summary>
    NoRollbackTarget,

    /// <summary>Continue: no deployment waits at a gate.</summary>
    NoGateWaiting,

    /// <summary>The environment names deployment alarms that do not exist in CloudWatch.</summary>
    MissingAlarms,
}

/// <summary>A deployment or rollback refused to start; nothing was changed. The message is one line with the fix.</summary>
public class DeploymentRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeploymentRefusedException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public DeploymentRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public DeploymentRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="reason"/>.</summary>
    public DeploymentRefusedException(RefusalReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why.</summary>
    public RefusalReason Reason { get; }
}
