namespace AutoPR.Deployment;

/// <summary>How <see cref="Deployments.DeployAsync"/> deploys.</summary>
public sealed record DeployOptions
{
    /// <summary>Who or what deploys (recorded in the history).</summary>
    public required string Actor { get; init; }

    /// <summary>Whether a person confirmed it (required where the environment requires approval).</summary>
    public bool Confirmed { get; init; }

    /// <summary>
    /// Roll back when the rollout or its verification fails, and judge the new revision while it rolls out; off, a
    /// failure is only reported.
    /// </summary>
    public bool AutoRollback { get; init; } = true;

    /// <summary>Container variables of this deployment only, over the environment file's.</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// At a manual gate (a PAUSE lifecycle hook), wait for ./build.sh Continue and carry on watching; false leaves the
    /// gate open and returns <see cref="Rollout.DeploymentStatus.AwaitingApproval"/> (--no-wait).
    /// </summary>
    public bool WaitForApproval { get; init; } = true;
}
