namespace AutoPR.Deployment.Status;

/// <summary>A service deployment as Status shows it: where it stands, from which revisions to which.</summary>
public sealed record ServiceDeploymentStatus
{
    /// <summary>serviceDeploymentArn.</summary>
    public required string Arn { get; init; }

    /// <summary>PENDING, IN_PROGRESS, SUCCESSFUL, ROLLBACK_IN_PROGRESS, ...</summary>
    public required string Status { get; init; }

    /// <summary>The strategy it rolls out with (ROLLING, BLUE_GREEN, CANARY, LINEAR).</summary>
    public string? Strategy { get; init; }

    /// <summary>lifecycleStage (SCALE_UP, PRODUCTION_TRAFFIC_SHIFT, BAKE_TIME, ...).</summary>
    public string? LifecycleStage { get; init; }

    /// <summary>statusReason, or the rollback's reason.</summary>
    public string? Reason { get; init; }

    /// <summary>The task definition it rolls out.</summary>
    public string? TargetTaskDefinitionArn { get; init; }

    /// <summary>The task definitions it replaces.</summary>
    public IReadOnlyList<string> SourceTaskDefinitionArns { get; init; } = [];

    /// <summary>Whether a PAUSE hook waits for ./build.sh Continue at <see cref="LifecycleStage"/>.</summary>
    public bool WaitingForApproval { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
