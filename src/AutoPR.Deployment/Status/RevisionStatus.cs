using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Status;

/// <summary>One task-definition revision of the service: its deployment (if it has one), traffic and tasks.</summary>
public sealed record RevisionStatus
{
    /// <summary>The task-definition ARN.</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>PRIMARY or ACTIVE (the service's deployments[]); null for tasks of a revision no deployment names.</summary>
    public string? DeploymentStatus { get; init; }

    /// <summary>rolloutState: IN_PROGRESS, COMPLETED or FAILED.</summary>
    public string? RolloutState { get; init; }

    /// <summary>rolloutStateReason.</summary>
    public string? RolloutStateReason { get; init; }

    /// <summary>desiredCount of its deployment.</summary>
    public int Desired { get; init; }

    /// <summary>runningCount of its deployment.</summary>
    public int Running { get; init; }

    /// <summary>pendingCount of its deployment.</summary>
    public int Pending { get; init; }

    /// <summary>failedTasks of its deployment.</summary>
    public int Failed { get; init; }

    /// <summary>Its share of production traffic (%), while a traffic-shifting deployment says so.</summary>
    public double? ProductionTrafficPercent { get; init; }

    /// <summary>Its share of the test listener's traffic (%), while a traffic-shifting deployment says so.</summary>
    public double? TestTrafficPercent { get; init; }

    /// <summary>The tasks that run it or are starting (desired RUNNING).</summary>
    public IReadOnlyList<TaskHealth> Tasks { get; init; } = [];

    /// <summary>"autopr-staging:42".</summary>
    public string Label => TaskDefinitionRegistered.Label(TaskDefinitionArn);
}

/// <summary>One task of a revision: its state, health and start.</summary>
public sealed record TaskHealth(string Id, string? LastStatus, string? HealthStatus, DateTimeOffset? StartedAt, string? Address);
