using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Rollback;

/// <summary>A rollback starts (the first thing reported after the failing signal: its time measures the reaction).</summary>
public sealed record RollbackStarted(DateTimeOffset Time, RollbackMethod Method, string? FromTaskDefinitionArn, string? ToTaskDefinitionArn, string Reason) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message =>
        $"rolling back{(FromTaskDefinitionArn is null ? string.Empty : " from " + TaskDefinitionRegistered.Label(FromTaskDefinitionArn))}" +
        $"{(ToTaskDefinitionArn is null ? " to the previous revision" : " to " + TaskDefinitionRegistered.Label(ToTaskDefinitionArn))}" +
        $" ({(Method == RollbackMethod.StopServiceDeployment ? "StopServiceDeployment ROLLBACK" : "UpdateService")}): {Reason}";
}
