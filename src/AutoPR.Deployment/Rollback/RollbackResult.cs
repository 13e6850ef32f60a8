using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Verification;

namespace AutoPR.Deployment.Rollback;

/// <summary>How the rollback was done.</summary>
public enum RollbackMethod
{
    /// <summary>StopServiceDeployment with ROLLBACK on the deployment in progress (or ECS's own rollback, watched).</summary>
    StopServiceDeployment,

    /// <summary>UpdateService to an earlier revision.</summary>
    Redeploy,

    /// <summary>The service already ran the target revision; only verified.</summary>
    AlreadyRunning,
}

/// <summary>The end of a rollback.</summary>
public sealed record RollbackResult
{
    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>How.</summary>
    public required RollbackMethod Method { get; init; }

    /// <summary>The revision rolled back from.</summary>
    public string? FromTaskDefinitionArn { get; init; }

    /// <summary>The revision the service runs afterwards.</summary>
    public string? ToTaskDefinitionArn { get; init; }

    /// <summary>The watched rollout of the rollback.</summary>
    public RolloutResult? Rollout { get; init; }

    /// <summary>The verification of the rollback (null when not verified).</summary>
    public VerificationReport? Verification { get; init; }

    /// <summary>The reason for the rollback (an automated one: the original failure).</summary>
    public string? Cause { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Whether the service is back on a revision that rolled out (and verified, when verified).</summary>
    public bool Succeeded => (Rollout is null || Rollout.Succeeded) && (Verification is null || Verification.Passed);

    /// <summary>One line.</summary>
    public string Summary
    {
        get
        {
            var to = ToTaskDefinitionArn is null ? "?" : TaskDefinitionRegistered.Label(ToTaskDefinitionArn);
            var how = Method switch
            {
                RollbackMethod.StopServiceDeployment => "stopped the deployment with ROLLBACK",
                RollbackMethod.Redeploy => "redeployed",
                _ => "already running",
            };
            var took = (FinishedAt - StartedAt).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            return Succeeded
                ? $"{Environment}: rolled back to {to} ({how}{(Verification is null ? string.Empty : ", verified")}) in {took} s"
                : $"{Environment}: rollback to {to} FAILED ({how}): {Rollout?.Reason ?? Verification?.Summary}";
        }
    }
}
