namespace AutoPR.Deployment.Rollout;

/// <summary>The end of a deployment.</summary>
public sealed record DeploymentResult
{
    /// <summary>How it ended.</summary>
    public required DeploymentStatus Status { get; init; }

    /// <summary>The environment name.</summary>
    public required string Environment { get; init; }

    /// <summary>The plan it followed (null for a deployment of an existing revision, such as a rollback).</summary>
    public DeploymentPlan? Plan { get; init; }

    /// <summary>The revision deployed (or that would be, for a dry run that reuses one).</summary>
    public string? TaskDefinitionArn { get; init; }

    /// <summary>The watched rollout, when there was one.</summary>
    public RolloutResult? Rollout { get; init; }

    /// <summary>Why it failed (null on success).</summary>
    public string? Reason { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Whether the deployment succeeded (or had nothing to do, or was a dry run).</summary>
    public bool Succeeded => Status is DeploymentStatus.Succeeded or DeploymentStatus.Unchanged or DeploymentStatus.DryRun or DeploymentStatus.AwaitingApproval;

    /// <summary>Left waiting at a manual gate: nothing to verify yet.</summary>
    public bool IsAwaitingApproval => Status == DeploymentStatus.AwaitingApproval;

    /// <summary>The service deployment, when ECS reported one.</summary>
    public string? ServiceDeploymentArn => Rollout?.ServiceDeploymentArn;

    /// <summary>One line: "local: succeeded on autopr-local:7 in 42.1 s" or "local: rolled back: REASON".</summary>
    public string Summary
    {
        get
        {
            var took = (FinishedAt - StartedAt).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            var revision = TaskDefinitionArn is null ? string.Empty : " " + TaskDefinitionRegistered.Label(TaskDefinitionArn);
            return Status switch
            {
                DeploymentStatus.Succeeded => $"{Environment}: deployed{revision} in {took} s",
                DeploymentStatus.Unchanged => $"{Environment}: no changes,{revision} already runs ({took} s)",
                DeploymentStatus.DryRun => $"{Environment}: dry run, nothing changed",
                DeploymentStatus.AwaitingApproval => $"{Environment}:{revision} {Reason}; carry on with ./build.sh Continue --environment {Environment} [--action rollback]",
                // The reason names the revision and what happened.
                _ => $"{Environment}: FAILED: {Reason}",
            };
        }
    }
}
