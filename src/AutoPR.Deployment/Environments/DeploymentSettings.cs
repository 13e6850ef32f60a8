using System.Text.Json.Serialization;

namespace AutoPR.Deployment.Environments;

/// <summary>ECS deployment strategy.</summary>
public enum DeploymentStrategy
{
    /// <summary>Replace tasks in place within the minimum/maximum percent bounds.</summary>
    [JsonStringEnumMemberName("ROLLING")]
    Rolling,

    /// <summary>Start the new revision beside the old one, shift traffic, bake, then stop the old one.</summary>
    [JsonStringEnumMemberName("BLUE_GREEN")]
    BlueGreen,
}

/// <summary>How ECS replaces tasks.</summary>
public sealed record DeploymentSettings
{
    /// <summary>ROLLING or BLUE_GREEN.</summary>
    public required DeploymentStrategy Strategy { get; init; }

    /// <summary>Blue/green bake time in minutes.</summary>
    public int BakeTimeMinutes { get; init; }

    /// <summary>Lower bound of running tasks during a deployment, in percent of the desired count.</summary>
    public required int MinimumHealthyPercent { get; init; }

    /// <summary>Upper bound of running tasks during a deployment, in percent of the desired count.</summary>
    public required int MaximumPercent { get; init; }

    /// <summary>The deployment circuit breaker.</summary>
    public required CircuitBreakerSettings CircuitBreaker { get; init; }

    /// <summary>The ECS name of the strategy ("ROLLING", "BLUE_GREEN").</summary>
    [JsonIgnore]
    public string StrategyName => Strategy == DeploymentStrategy.BlueGreen ? "BLUE_GREEN" : "ROLLING";
}

/// <summary>ECS deployment circuit breaker: stop (and roll back) a deployment whose tasks keep failing.</summary>
public sealed record CircuitBreakerSettings
{
    /// <summary>Whether the circuit breaker watches deployments.</summary>
    public required bool Enable { get; init; }

    /// <summary>Whether ECS rolls back when it trips.</summary>
    public required bool Rollback { get; init; }
}
