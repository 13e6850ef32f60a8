namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>One entry of a service's deployments (PRIMARY, ACTIVE, INACTIVE).</summary>
public sealed class DeploymentRecord
{
    /// <summary>ecs-svc/ followed by digits, as ECS names deployments.</summary>
    public required string Id { get; set; }

    public required string ServiceRevisionArn { get; set; }

    /// <summary>The service deployment (ListServiceDeployments) that created this deployment.</summary>
    public required string ServiceDeploymentArn { get; set; }

    /// <summary>PRIMARY, ACTIVE or INACTIVE.</summary>
    public string Status { get; set; } = "PRIMARY";

    public required string TaskDefinitionArn { get; set; }

    public int DesiredCount { get; set; }

    public int FailedTasks { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>IN_PROGRESS, COMPLETED or FAILED.</summary>
    public string RolloutState { get; set; } = "IN_PROGRESS";

    public string? RolloutStateReason { get; set; }

    /// <summary>When a task of this deployment last failed; launches back off after failures, as ECS throttles them.</summary>
    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>Target group its tasks register in (blue/green alternates between two).</summary>
    public string? TargetGroupArn { get; set; }
}
