namespace AutoPR.Deployment.Rollback;

/// <summary>A rollback after a failed deployment or verification.</summary>
public sealed record AutoRollbackRequest
{
    /// <summary>The original failure (recorded, and what the caller reports when it exits non-zero).</summary>
    public required string Cause { get; init; }

    /// <summary>Who or what deployed.</summary>
    public required string Actor { get; init; }

    /// <summary>The revision that failed (excluded as a rollback target); null: what the service runs.</summary>
    public string? FailedTaskDefinitionArn { get; init; }
}

/// <summary>A manual rollback.</summary>
public sealed record RollbackRequest
{
    /// <summary>Where to.</summary>
    public RollbackTarget Target { get; init; } = RollbackTarget.Previous;

    /// <summary>Who asks.</summary>
    public required string Actor { get; init; }

    /// <summary>Whether a person confirmed it (required where the environment requires approval).</summary>
    public bool Confirmed { get; init; }

    /// <summary>Why (recorded).</summary>
    public string? Reason { get; init; }

    /// <summary>Also take the database schema back to what the target release needs (its down steps, run by the newer image).</summary>
    public bool Database { get; init; }

    /// <summary>Allow down steps that lose data.</summary>
    public bool ConfirmDataLoss { get; init; }
}
