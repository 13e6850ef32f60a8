namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>canaryConfiguration: canaryPercent of production traffic first, the rest after canaryBakeTimeInMinutes.</summary>
public sealed record CanarySettings
{
    public double CanaryPercent { get; init; } = 5.0;

    public int CanaryBakeTimeInMinutes { get; init; } = 10;
}

/// <summary>linearConfiguration: stepPercent more production traffic every stepBakeTimeInMinutes.</summary>
public sealed record LinearSettings
{
    public double StepPercent { get; init; } = 10.0;

    public int StepBakeTimeInMinutes { get; init; } = 6;
}
