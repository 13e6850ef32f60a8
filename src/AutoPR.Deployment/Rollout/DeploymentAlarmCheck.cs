using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Metrics;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Before anything changes: every alarm the environment's deployment.alarms names exists in CloudWatch. ECS accepts a
/// name that does not, and then never fails a deployment on it, so a typo would silently turn the protection off.
/// The same answer tells how long ECS will hold the deployment for its alarm bake, so the watch can poll slowly until then.
/// </summary>
public static class DeploymentAlarmCheck
{
    /// <summary>
    /// Throws <see cref="DeploymentRefusedException"/> (<see cref="RefusalReason.MissingAlarms"/>) naming the missing
    /// alarms. Returns the bake time ECS is expected to hold a deployment for after its old tasks stop: ECS derives it
    /// from the alarms (undocumented); this is the longest Period x EvaluationPeriods among them, as LocalEcs does.
    /// Null without deployment alarms, or when no alarm states a window.
    /// </summary>
    public static async Task<TimeSpan?> EnsureExistAsync(DeploymentEnvironment environment, CloudWatchClient cloudWatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(cloudWatch);
        if (environment.Deployment.Alarms is not { Enable: true, AlarmNames.Count: > 0 } alarms)
        {
            return null;
        }

        var described = await cloudWatch.DescribeAlarmsAsync(alarms.AlarmNames, cancellationToken).ConfigureAwait(false);
        var found = described.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var missing = alarms.AlarmNames.Where(n => !found.Contains(n)).ToList();
        if (missing.Count == 0)
        {
            return described.Select(a => a.EvaluationWindow).Max();
        }

        var fix = environment.IsLocal
            ? $"define it in localAlarms of {Path.GetFileName(environment.FilePath)} and run ./build.sh LocalUp, or remove it from deployment.alarms.alarmNames"
            : $"create it (the environment's Terraform: ./build.sh InfraPlan InfraApply --environment {environment.Name}), or remove it from deployment.alarms.alarmNames";
        throw new DeploymentRefusedException(RefusalReason.MissingAlarms,
            $"deployment.alarms names {(missing.Count == 1 ? "an alarm" : "alarms")} CloudWatch does not have in {environment.Aws.Region}: {string.Join(", ", missing)}; nothing was changed; fix: {fix}");
    }
}
