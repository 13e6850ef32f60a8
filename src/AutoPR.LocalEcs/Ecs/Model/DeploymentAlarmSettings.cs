namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>deploymentConfiguration.alarms: the CloudWatch alarms that fail (and with rollback, roll back) a deployment.</summary>
public sealed record DeploymentAlarmSettings
{
    public IReadOnlyList<string> AlarmNames { get; init; } = [];

    public bool Enable { get; init; }

    public bool Rollback { get; init; }

    /// <summary>Whether the service's deployments watch these alarms at all.</summary>
    public bool Watches => Enable && AlarmNames.Count > 0;
}
