namespace AutoPR.Deployment;

/// <summary>How <see cref="Deployments.ContinueAsync"/> acts on the deployment waiting at a gate.</summary>
public sealed record ContinueOptions
{
    /// <summary>Who or what decides (recorded in the history of a rollback).</summary>
    public required string Actor { get; init; }

    /// <summary>True: roll the deployment back (ContinueServiceDeployment ROLLBACK); false: let it carry on.</summary>
    public bool RollBack { get; init; }

    /// <summary>Whether a person confirmed it (required where the environment requires approval).</summary>
    public bool Confirmed { get; init; }

    /// <summary>When nobody else watches the deployment: wait at a later gate instead of leaving it open.</summary>
    public bool WaitForApproval { get; init; } = true;
}
