namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>A lifecycle hook a service deployment stopped at (DeploymentLifecycleHookDetail), and where.</summary>
public sealed class LifecycleHookDetailRecord
{
    /// <summary>ecs-pause- and 43 URL-safe characters, like ECS's hook ids.</summary>
    public required string HookId { get; set; }

    /// <summary>PAUSE (LocalEcs refuses AWS_LAMBDA hooks).</summary>
    public string TargetType { get; set; } = "PAUSE";

    public string? TargetArn { get; set; }

    /// <summary>AWAITING_ACTION, SUCCEEDED, FAILED or TIMED_OUT.</summary>
    public string Status { get; set; } = "AWAITING_ACTION";

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>CONTINUE or ROLLBACK, taken when the hook times out.</summary>
    public required string TimeoutAction { get; set; }

    /// <summary>Index of the hook in the deployment's lifecycleHooks.</summary>
    public int HookIndex { get; set; }

    /// <summary>The hook stage it stopped at (DeploymentLifecycleHookStage).</summary>
    public required string Stage { get; set; }

    /// <summary>PRE_PRODUCTION_TRAFFIC_SHIFT runs before every production step: which one (0 for other stages).</summary>
    public int Step { get; set; }
}
