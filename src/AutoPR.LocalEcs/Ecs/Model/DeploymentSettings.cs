namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>The service's deploymentConfiguration with ECS's defaults filled in.</summary>
public sealed record DeploymentSettings
{
    public int MinimumHealthyPercent { get; init; } = 100;

    public int MaximumPercent { get; init; } = 200;

    public bool CircuitBreakerEnabled { get; init; }

    public bool CircuitBreakerRollback { get; init; }

    /// <summary>ROLLING, BLUE_GREEN, CANARY or LINEAR.</summary>
    public string Strategy { get; init; } = "ROLLING";

    public int? BakeTimeInMinutes { get; init; }

    /// <summary>canaryConfiguration; set (with ECS's defaults) once the strategy is CANARY.</summary>
    public CanarySettings? Canary { get; init; }

    /// <summary>linearConfiguration; set (with ECS's defaults) once the strategy is LINEAR.</summary>
    public LinearSettings? Linear { get; init; }

    public IReadOnlyList<LifecycleHookSettings> LifecycleHooks { get; init; } = [];

    /// <summary>deploymentConfiguration.alarms; null when never set.</summary>
    public DeploymentAlarmSettings? Alarms { get; init; }

    /// <summary>BLUE_GREEN, CANARY and LINEAR start green beside blue and move traffic between target groups.</summary>
    public bool ShiftsTraffic => Strategy is "BLUE_GREEN" or "CANARY" or "LINEAR";
}
