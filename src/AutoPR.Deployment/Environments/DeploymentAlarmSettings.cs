namespace AutoPR.Deployment.Environments;

/// <summary>
/// ECS deployment alarms (deploymentConfiguration.alarms): CloudWatch alarms ECS watches during a deployment; one in
/// ALARM fails it and, with <see cref="Rollback"/>, ECS rolls it back itself, also when no build is watching.
/// </summary>
public sealed record DeploymentAlarmSettings
{
    /// <summary>The alarms' names (on AWS, Terraform's output alarm_names).</summary>
    public required IReadOnlyList<string> AlarmNames { get; init; }

    /// <summary>Whether ECS watches them.</summary>
    public required bool Enable { get; init; }

    /// <summary>Whether ECS rolls a failed deployment back to the last completed one.</summary>
    public required bool Rollback { get; init; }
}
