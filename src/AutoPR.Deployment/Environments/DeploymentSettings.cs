using System.Text.Json.Serialization;

namespace AutoPR.Deployment.Environments;

/// <summary>ECS deployment strategy.</summary>
public enum DeploymentStrategy
{
    /// <summary>Replace tasks in place within the minimum/maximum percent bounds.</summary>
    [JsonStringEnumMemberName("ROLLING")]
    Rolling,

    /// <summary>Start the new revision beside the old one, shift all traffic at once, bake, then stop the old one.</summary>
    [JsonStringEnumMemberName("BLUE_GREEN")]
    BlueGreen,

    /// <summary>Like blue/green, but a canary share of traffic first, for a bake time, then the rest.</summary>
    [JsonStringEnumMemberName("CANARY")]
    Canary,

    /// <summary>Like blue/green, but traffic moves in equal steps with a bake time between them.</summary>
    [JsonStringEnumMemberName("LINEAR")]
    Linear,
}

/// <summary>How ECS replaces tasks.</summary>
public sealed record DeploymentSettings
{
    /// <summary>ROLLING, BLUE_GREEN, CANARY or LINEAR.</summary>
    public required DeploymentStrategy Strategy { get; init; }

    /// <summary>Traffic-shifting strategies: minutes both revisions stay up after all traffic moved.</summary>
    public int BakeTimeMinutes { get; init; }

    /// <summary>Lower bound of running tasks during a deployment, in percent of the desired count.</summary>
    public required int MinimumHealthyPercent { get; init; }

    /// <summary>Upper bound of running tasks during a deployment, in percent of the desired count.</summary>
    public required int MaximumPercent { get; init; }

    /// <summary>The deployment circuit breaker.</summary>
    public required CircuitBreakerSettings CircuitBreaker { get; init; }

    /// <summary>CANARY: the canary's share of traffic and how long it bakes.</summary>
    public CanarySettings Canary { get; init; } = new();

    /// <summary>LINEAR: the step and how long each step bakes.</summary>
    public LinearSettings Linear { get; init; } = new();

    /// <summary>Traffic-shifting strategies: gates and Lambda hooks at lifecycle stages.</summary>
    public IReadOnlyList<LifecycleHookSettings> LifecycleHooks { get; init; } = [];

    /// <summary>CloudWatch alarms ECS watches during a deployment (rendered into deploymentConfiguration.alarms); null: none.</summary>
    public DeploymentAlarmSettings? Alarms { get; init; }

    /// <summary>The ECS name of the strategy.</summary>
    [JsonIgnore]
    public string StrategyName => Strategy switch
    {
        DeploymentStrategy.BlueGreen => "BLUE_GREEN",
        DeploymentStrategy.Canary => "CANARY",
        DeploymentStrategy.Linear => "LINEAR",
        _ => "ROLLING",
    };

    /// <summary>BLUE_GREEN, CANARY and LINEAR: the new revision starts in the alternate target group and traffic shifts.</summary>
    [JsonIgnore]
    public bool ShiftsTraffic => Strategy != DeploymentStrategy.Rolling;
}

/// <summary>ECS deployment circuit breaker: stop (and roll back) a deployment whose tasks keep failing.</summary>
public sealed record CircuitBreakerSettings
{
    /// <summary>Whether the circuit breaker watches deployments.</summary>
    public required bool Enable { get; init; }

    /// <summary>Whether ECS rolls back when it trips.</summary>
    public required bool Rollback { get; init; }
}

/// <summary>CANARY settings (ECS canaryConfiguration; defaults as ECS's).</summary>
public sealed record CanarySettings
{
    /// <summary>Share of production traffic the new revision gets first, 0.1 to 100 in steps of 0.1.</summary>
    public double Percent { get; init; } = 5.0;

    /// <summary>Minutes the canary serves its share before the rest of the traffic moves, 0 to 1440.</summary>
    public int BakeTimeMinutes { get; init; } = 10;
}

/// <summary>LINEAR settings (ECS linearConfiguration; defaults as ECS's).</summary>
public sealed record LinearSettings
{
    /// <summary>Share of production traffic each step moves, 3 to 100 in steps of 0.1.</summary>
    public double StepPercent { get; init; } = 10.0;

    /// <summary>Minutes between steps (not after the last), 0 to 1440.</summary>
    public int StepBakeTimeMinutes { get; init; } = 6;
}
