using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Database;

/// <summary>A backup of the environment's database taken before migrations change it.</summary>
public interface IDatabaseBackup
{
    /// <summary>Takes the backup and waits until it is complete; answers what to name in history (snapshot id, file).</summary>
    Task<string> BackUpAsync(string label, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken);
}
