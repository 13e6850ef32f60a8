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

    /// <summary>The deployment alarms check: TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED.</summary>
    public string AlarmsStatus { get; set; } = "DISABLED";

    /// <summary>Whether the alarms' states at the start were looked at (an alarm already in ALARM turns monitoring off, as on ECS).</summary>
    public bool AlarmsStartChecked { get; set; }

    /// <summary>The alarms that failed this deployment.</summary>
    public List<string> TriggeredAlarmNames { get; set; } = [];

    /// <summary>With deployment alarms: when the rollout last became steady (the alarms' bake time runs from then).</summary>
    public DateTimeOffset? SteadySince { get; set; }

    /// <summary>BLUE_GREEN, CANARY or LINEAR with a running blue revision: green starts in the other target group and traffic shifts.</summary>
    public bool TrafficShiftRequired { get; set; }

    /// <summary>The revision serving production when the traffic shift began (blue).</summary>
    public string? BlueRevisionArn { get; set; }

    /// <summary>Traffic shift: when all production traffic reached the target revision (the bake time starts then).</summary>
    public DateTimeOffset? TrafficShiftedAt { get; set; }

    /// <summary>Traffic shift: production traffic steps taken so far (CANARY two, LINEAR one per stepPercent, BLUE_GREEN one).</summary>
    public int ProductionTrafficSteps { get; set; }

    /// <summary>Traffic shift: when the last production traffic step was taken (the step bake time runs from then).</summary>
    public DateTimeOffset? LastProductionTrafficStepAt { get; set; }

    /// <summary>Percent of production traffic requested for the target revision (requestedProductionTrafficWeight).</summary>
    public double ProductionTrafficWeight { get; set; }

    /// <summary>Percent of test traffic requested for the target revision (requestedTestTrafficWeight).</summary>
    public double TestTrafficWeight { get; set; }

    /// <summary>Every lifecycle hook this deployment stopped at, oldest first, with its status.</summary>
    public List<LifecycleHookDetailRecord> LifecycleHookDetails { get; set; } = [];

    /// <summary>Why a rollback was requested (StopServiceDeployment or ContinueServiceDeployment); the reconciler carries it out.</summary>
    public string? RequestedRollbackReason { get; set; }

    /// <summary>The deployment no longer waits at its hooks (it rolls back, stops or was superseded): a hook still awaiting action fails.</summary>
    public void FailAwaitingHooks()
    {
        foreach (var hook in LifecycleHookDetails.Where(h => h.Status == "AWAITING_ACTION"))
        {
            hook.Status = "FAILED";
        }
    }

    public bool IsFinished => Status is "SUCCESSFUL" or "STOPPED" or "ROLLBACK_SUCCESSFUL" or "ROLLBACK_FAILED";
}

public sealed record RevisionCount(string Arn, int RequestedTaskCount, int RunningTaskCount, int PendingTaskCount);

/// <summary>Why and when a deployment began rolling back, and to which revision.</summary>
public sealed record RollbackRecord(string Reason, DateTimeOffset StartedAt, string ServiceRevisionArn, string DeploymentId);
