namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>The service's deploymentConfiguration with ECS's defaults filled in.</summary>
public sealed record DeploymentSettings
{
    public int MinimumHealthyPercent { get; init; } = 100;

    public int MaximumPercent { get; init; } = 200;

    public bool CircuitBreakerEnabled { get; init; }

    public bool CircuitBreakerRollback { get; init; }

    /// <summary>ROLLING or BLUE_GREEN.</summary>
    public string Strategy { get; init; } = "ROLLING";

    public int? BakeTimeInMinutes { get; init; }

    public bool IsBlueGreen => Strategy == "BLUE_GREEN";
}
