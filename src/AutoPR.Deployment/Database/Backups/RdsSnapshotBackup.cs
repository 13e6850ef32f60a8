using System.Globalization;
using AutoPR.Deployment.Rds;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Database.Backups;

/// <summary>An RDS manual snapshot of the environment's instance (CreateDBSnapshot), waited for until it is available.</summary>
public sealed class RdsSnapshotBackup(RdsClient rds, string dbInstanceIdentifier, string environment, TimeProvider time) : IDatabaseBackup
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Timeout = TimeSpan.FromHours(2);

    /// <inheritdoc />
    public async Task<string> BackUpAsync(string label, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var id = $"autopr-{environment}-{started.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["project"] = "autopr", ["autopr:reason"] = label };
        await rds.CreateDbSnapshotAsync(dbInstanceIdentifier, id, tags, cancellationToken).ConfigureAwait(false);
        progress?.Report(new DatabaseBackupProgress(time.GetUtcNow(), $"RDS snapshot {id} of {dbInstanceIdentifier} requested ({label})"));
        int? lastProgress = null;
        while (true)
        {
            var snapshot = await rds.DescribeDbSnapshotAsync(id, cancellationToken).ConfigureAwait(false);
            if (snapshot is { IsAvailable: true })
            {
                progress?.Report(new DatabaseBackupProgress(time.GetUtcNow(), $"RDS snapshot {id} available after {(time.GetUtcNow() - started).TotalSeconds:0} s"));
                return id;
            }

            if (snapshot?.Status is "failed" or "error" or "incompatible-restore")
            {
                throw new DeploymentFailedException($"the RDS snapshot {id} of {dbInstanceIdentifier} ended {snapshot.Status}; nothing was migrated");
            }

            if (time.GetUtcNow() - started > Timeout)
            {
                throw new DeploymentFailedException($"the RDS snapshot {id} of {dbInstanceIdentifier} was not available within {Timeout.TotalHours:0} h (status {snapshot?.Status ?? "unknown"}); nothing was migrated");
            }

            if (snapshot?.PercentProgress is { } percent && percent != lastProgress)
            {
                lastProgress = percent;
                progress?.Report(new DatabaseBackupProgress(time.GetUtcNow(), $"RDS snapshot {id}: {snapshot.Status} {percent} %"));
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
