namespace AutoPR.Deployment.Tests.Rollout.Fakes;

/// <summary>How the fake ECS plays the next deployment, one step per DescribeServices call.</summary>
public sealed record RolloutScript
{
    public required RolloutBehavior Behavior { get; init; }

    /// <summary>Steps before the end (tasks start one per step).</summary>
    public int Steps { get; init; } = 3;

    /// <summary>Failed tasks before the circuit breaker trips.</summary>
    public int Failures { get; init; } = 2;

    /// <summary>
    /// After the last step the old deployment is gone and the new one stays IN_PROGRESS this long before it completes:
    /// ECS's alarm bake (time, not steps: the watcher polls slowly then).
    /// </summary>
    public TimeSpan Bake { get; init; }

    public static RolloutScript Succeed(int steps = 3, TimeSpan bake = default) => new() { Behavior = RolloutBehavior.Succeed, Steps = steps, Bake = bake };

    public static RolloutScript CircuitBreakerRollback(int failures = 2) => new() { Behavior = RolloutBehavior.CircuitBreakerRollback, Failures = failures };

    public static RolloutScript FailWithoutRollback(int failures = 2) => new() { Behavior = RolloutBehavior.FailWithoutRollback, Failures = failures };

    public static RolloutScript Hang() => new() { Behavior = RolloutBehavior.Hang };
}

public enum RolloutBehavior
{
    Succeed,
    CircuitBreakerRollback,
    FailWithoutRollback,
    Hang,
}
