using AutoPR.Deployment.Cleanup;

namespace AutoPR.Deployment;

/// <summary>How <see cref="Deployments.CleanupAsync"/> deregisters old task-definition revisions.</summary>
public sealed record CleanupOptions
{
    /// <summary>How many of the family's newest ACTIVE revisions to keep whatever they are (at least 1).</summary>
    public int Keep { get; init; } = RevisionCleanup.DefaultKeep;

    /// <summary>Who or what cleans up (holds the environment's lock meanwhile).</summary>
    public required string Actor { get; init; }

    /// <summary>Whether a person confirmed it (required where the environment requires approval).</summary>
    public bool Confirmed { get; init; }
}
