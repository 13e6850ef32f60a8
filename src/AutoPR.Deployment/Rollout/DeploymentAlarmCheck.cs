using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Metrics;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Before anything changes: every alarm the environment's deployment.alarms names exists in CloudWatch. ECS accepts a
/// name that does not, and then never fails a deployment on it, so a typo would silently turn the protection off.
/// </summary>
public static class DeploymentAlarmCheck
{
    /// <summary>Throws <see cref="DeploymentRefusedException"/> (<see cref="RefusalReason.MissingAlarms"/>) naming the first missing alarm.</summary>
    public static async Task EnsureExistAsync(DeploymentEnvironment environment, CloudWatchClient cloudWatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(cloudWatch);
        if (environment.Deployment.Alarms is not { Enable: true, AlarmNames.Count: > 0 } alarms)
        {
            return;
        }

        var found = (await cloudWatch.DescribeAlarmsAsync(alarms.AlarmNames, cancellationToken).ConfigureAwait(false))
            .Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var missing = alarms.AlarmNames.Where(n => !found.Contains(n)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var fix = environment.IsLocal
            ? $"define it in localAlarms of {Path.GetFileName(environment.FilePath)} and run ./build.sh LocalUp, or remove it from deployment.alarms.alarmNames"
            : $"create it (the environment's Terraform: ./build.sh InfraPlan InfraApply --environment {environment.Name}), or remove it from deployment.alarms.alarmNames";
        throw new DeploymentRefusedException(RefusalReason.MissingAlarms,
            $"deployment.alarms names {(missing.Count == 1 ? "an alarm" : "alarms")} CloudWatch does not have in {environment.Aws.Region}: {string.Join(", ", missing)}; nothing was changed; fix: {fix}");
    }
}
