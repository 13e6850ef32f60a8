using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.History;

/// <summary>One entry for <see cref="HistoryRecorder"/>: what happened to which revision, who did it, when, and why.</summary>
public sealed record RecordRequest
{
    /// <summary>Deploy, verify or rollback.</summary>
    public required DeploymentKind Kind { get; init; }

    /// <summary>The revision concerned.</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>What the revision runs; null reads it from the task definition.</summary>
    public TaskDefinitionFacts? Facts { get; init; }

    /// <summary>Who or what acted.</summary>
    public required string Actor { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended; null: now.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How it ended.</summary>
    public required DeploymentOutcome Outcome { get; init; }

    /// <summary>Why (a failure's cause, a rollback's reason).</summary>
    public string? Reason { get; init; }

    /// <summary>The database schema the release needs, when known.</summary>
    public Database.SchemaInfo? Schema { get; init; }

    /// <summary>The backup taken before its migration, when one was.</summary>
    public string? Backup { get; init; }
}
