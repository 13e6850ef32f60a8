namespace AutoPR.Deployment.Rollout;

/// <summary>The end of a watched rollout: outcome, reason, and the stopped tasks of the target revision.</summary>
public sealed record RolloutResult
{
    /// <summary>How it ended.</summary>
    public required RolloutOutcome Outcome { get; init; }

    /// <summary>Why it failed (null on success).</summary>
    public string? Reason { get; init; }

    /// <summary>The service deployment ARN, when ECS reported one.</summary>
    public string? ServiceDeploymentArn { get; init; }

    /// <summary>The final service-deployment status (SUCCESSFUL, ROLLBACK_SUCCESSFUL, ...) or rolloutState.</summary>
    public string? Status { get; init; }

    /// <summary>The task definition the service runs at the end.</summary>
    public string? FinalTaskDefinitionArn { get; init; }

    /// <summary>Tasks of the target revision that stopped during the rollout.</summary>
    public IReadOnlyList<StoppedTask> StoppedTasks { get; init; } = [];

    /// <summary>Whether a rollback was watched (success then means the service is back).</summary>
    public bool IsRollback { get; init; }

    /// <summary>When the watcher saw the end.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Outcome == RolloutOutcome.Succeeded;
}
