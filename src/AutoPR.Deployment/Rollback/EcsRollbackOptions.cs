namespace AutoPR.Deployment.Rollback;

/// <summary>How <see cref="EcsRollback"/> verifies and searches.</summary>
public sealed record EcsRollbackOptions
{
    /// <summary>
    /// The bake window of the rollback's verification (rollout, health and /version always run). Zero by default: the
    /// revision rolled back to was verified before, and a rollback should end fast.
    /// </summary>
    public TimeSpan VerificationBakeWindow { get; init; } = TimeSpan.Zero;

    /// <summary>How many of the newest revisions are searched for history or an image.</summary>
    public int MaxRevisionsSearched { get; init; } = 100;
}
