using AutoPR.Deployment.Rollback;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Verification;

namespace AutoPR.Deployment;

/// <summary>
/// A deployment, verification, rollback or promotion that did not succeed. The message is the cause, and what the
/// automatic rollback did about it; the parts are kept for reports.
/// </summary>
public sealed class DeploymentFailedException : InvalidOperationException
{
    public DeploymentFailedException(string message, DeploymentResult? deployment = null, VerificationReport? verification = null, RollbackResult? rollback = null)
        : base(message)
    {
        Deployment = deployment;
        Verification = verification;
        Rollback = rollback;
    }

    public DeploymentFailedException()
    {
    }

    public DeploymentFailedException(string message)
        : base(message)
    {
    }

    public DeploymentFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The deployment that failed, when one did.</summary>
    public DeploymentResult? Deployment { get; }

    /// <summary>The verification that failed, when one did.</summary>
    public VerificationReport? Verification { get; }

    /// <summary>The rollback that followed (or failed), when there was one.</summary>
    public RollbackResult? Rollback { get; }
}
