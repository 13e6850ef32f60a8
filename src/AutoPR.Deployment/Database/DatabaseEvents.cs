using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Database;

/// <summary>A backup of the database before a migration: started, progressing, done.</summary>
public sealed record DatabaseBackupProgress(DateTimeOffset Time, string Text) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"backup: {Text}";
}
