namespace AutoPR.Deployment;

/// <summary>How <see cref="Deployments.VerifyAsync"/> verifies.</summary>
public sealed record VerifyOptions
{
    /// <summary>Who verifies (recorded).</summary>
    public required string Actor { get; init; }

    /// <summary>A bake window other than the environment's.</summary>
    public TimeSpan? BakeWindow { get; init; }

    /// <summary>Roll back when the verification fails.</summary>
    public bool AutoRollback { get; init; } = true;
}
