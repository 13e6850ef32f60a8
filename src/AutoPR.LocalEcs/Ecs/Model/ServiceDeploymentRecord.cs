namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>ECS's service deployment: one requested change of the service and how it ended.</summary>
public sealed class ServiceDeploymentRecord
{
    public required string Arn { get; set; }

    /// <summary>The deployment (ecs-svc/...) that carries the target revision.</summary>
    public required string DeploymentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Revisions running when the deployment started, with the task counts then.</summary>
    public List<RevisionCount> SourceRevisions { get; set; } = [];

    public required string TargetRevisionArn { get; set; }

    /// <summary>PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED.</summary>
    public string Status { get; set; } = "PENDING";

    public string? StatusReason { get; set; }

    /// <summary>ECS lifecycle stage (SCALE_UP, BAKE_TIME, CLEAN_UP, ...).</summary>
    public string? LifecycleStage { get; set; }

    public required DeploymentSettings Configuration { get; set; }

    public RollbackRecord? Rollback { get; set; }

    /// <summary>TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED.</summary>
    public string CircuitBreakerStatus { get; set; } = "DISABLED";

    public int CircuitBreakerFailureCount { get; set; }

    public int CircuitBreakerThreshold { get; set; }

    /// <summary>Blue/green with a running blue revision: green starts in the other target group and traffic shifts.</summary>
    public bool TrafficShiftRequired { get; set; }

    /// <summary>Blue/green: when production traffic moved to the target revision.</summary>
    public DateTimeOffset? TrafficShiftedAt { get; set; }

    public bool IsFinished => Status is "SUCCESSFUL" or "STOPPED" or "ROLLBACK_SUCCESSFUL" or "ROLLBACK_FAILED";
}

public sealed record RevisionCount(string Arn, int RequestedTaskCount, int RunningTaskCount, int PendingTaskCount);

/// <summary>Why and when a deployment began rolling back, and to which revision.</summary>
public sealed record RollbackRecord(string Reason, DateTimeOffset StartedAt, string ServiceRevisionArn, string DeploymentId);
