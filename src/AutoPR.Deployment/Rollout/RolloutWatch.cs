namespace AutoPR.Deployment.Rollout;

/// <summary>What to watch: the service, the revision it should end on, and what identifies this rollout.</summary>
public sealed record RolloutWatch
{
    /// <summary>Cluster name or ARN.</summary>
    public required string Cluster { get; init; }

    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>The task-definition ARN the rollout must end on.</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>The ECS deployment id ("ecs-svc/...") of this rollout, when known (UpdateService's PRIMARY).</summary>
    public string? EcsDeploymentId { get; init; }

    /// <summary>The service deployment ARN, when known.</summary>
    public string? ServiceDeploymentArn { get; init; }

    /// <summary>The service's currentServiceDeployment before the update: a different one afterwards is this rollout's.</summary>
    public string? PreviousServiceDeploymentArn { get; init; }

    /// <summary>Service event ids seen before the rollout started (not reported again).</summary>
    public IReadOnlySet<string> KnownEventIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// False for an update that changes configuration only (no new ECS deployment): then the current deployment being
    /// COMPLETED with all tasks running is the end.
    /// </summary>
    public bool ExpectsNewDeployment { get; init; } = true;

    /// <summary>
    /// The end also needs a new "(service ...) has reached a steady state." event: ECS sends it once the tasks are at
    /// the desired count and healthy, which the counts alone do not show (a service replacing tasks that stopped).
    /// </summary>
    public bool UntilSteadyState { get; init; }

    /// <summary>
    /// Watching a rollback (StopServiceDeployment ROLLBACK, or one ECS started): ROLLBACK_SUCCESSFUL is the success,
    /// and <see cref="TaskDefinitionArn"/> is the revision expected back (the service's final one is reported).
    /// </summary>
    public bool IsRollback { get; init; }

    /// <summary>Judges the new revision during the rollout (not used when watching a rollback); null for none.</summary>
    public IRolloutGuard? Guard { get; init; }

    /// <summary>Decides about lifecycle hooks that wait (smoke checks, manual gates); null leaves them to others.</summary>
    public Gates.IDeploymentGates? Gates { get; init; }

    /// <summary>
    /// With deployment alarms, how long ECS is expected to keep the deployment IN_PROGRESS after its old tasks stop
    /// (the alarm bake). The watch describes the service slowly until shortly before then, fast around it. Null: slowly
    /// through the whole bake (the end is seen up to <see cref="EcsDeployerOptions.BakePollInterval"/> late).
    /// </summary>
    public TimeSpan? ExpectedBake { get; init; }

    /// <summary>How long to wait at most, not counting the time spent waiting at a manual gate.</summary>
    public required TimeSpan Timeout { get; init; }
}
