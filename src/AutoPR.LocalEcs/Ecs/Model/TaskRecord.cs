namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>A task: its ECS view and what LocalEcs needs to drive its containers and targets.</summary>
public sealed class TaskRecord
{
    /// <summary>32 hex characters, as ECS task ids.</summary>
    public required string Id { get; set; }

    public required string Arn { get; set; }

    public required string ClusterName { get; set; }

    public required string ClusterArn { get; set; }

    public string? ServiceName { get; set; }

    /// <summary>Deployment id (ecs-svc/...) for service tasks; ECS reports it as startedBy.</summary>
    public string? StartedBy { get; set; }

    public string? Group { get; set; }

    public required string TaskDefinitionArn { get; set; }

    /// <summary>The task's own loopback address (awsvpc emulation).</summary>
    public required string Address { get; set; }

    /// <summary>PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED.</summary>
    public string LastStatus { get; set; } = "PROVISIONING";

    /// <summary>RUNNING or STOPPED.</summary>
    public string DesiredStatus { get; set; } = "RUNNING";

    /// <summary>HEALTHY, UNHEALTHY or UNKNOWN (from the essential containers' health checks).</summary>
    public string HealthStatus { get; set; } = "UNKNOWN";

    public string? Cpu { get; set; }

    public string? Memory { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PullStartedAt { get; set; }

    public DateTimeOffset? PullStoppedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? StoppingAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    public string? StoppedReason { get; set; }

    /// <summary>TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated.</summary>
    public string? StopCode { get; set; }

    public long Version { get; set; } = 1;

    public List<TaskContainerRecord> Containers { get; set; } = [];

    /// <summary>Target group the task is registered in, while it is.</summary>
    public string? TargetGroupArn { get; set; }

    /// <summary>Last target health seen (Initial, Healthy, Unhealthy, Draining), so a restarted LocalEcs keeps serving healthy targets at once.</summary>
    public string? TargetHealth { get; set; }

    /// <summary>When the task left the load balancer (draining began).</summary>
    public DateTimeOffset? DeregisteredAt { get; set; }

    /// <summary>Docker has been asked to stop the containers.</summary>
    public bool StopIssued { get; set; }

    /// <summary>The task's failure already counted against its deployment.</summary>
    public bool FailureCounted { get; set; }

    /// <summary>RunTask's overrides (standalone tasks); null for service tasks.</summary>
    public TaskOverridesRecord? Overrides { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public bool IsStopped => LastStatus == "STOPPED";

    public void Touch() => Version++;
}
