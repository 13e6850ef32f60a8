using System.Globalization;
using System.Text.RegularExpressions;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tasks;

namespace AutoPR.Deployment.Database;

/// <summary>
/// Runs the service image's own migrations (`AutoPR.Service migrate [--to N] [--confirm-data-loss]`) as a one-off
/// task of a given revision, after the environment's backup. The image knows its steps, their down steps and which
/// lose data; this class only asks it and turns its exit code into one line with the fix.
/// </summary>
public sealed partial class SchemaMigrator(OneOffTaskRunner runner, IDatabaseBackup? backup, TimeSpan timeout)
{
    /// <summary>
    /// Migrates with <paramref name="taskDefinitionArn"/>'s image: up to its newest step, or up or down to
    /// <paramref name="toVersion"/>. Throws <see cref="DeploymentRefusedException"/> when the image refused before
    /// changing anything (bad version, data loss not confirmed), <see cref="DeploymentFailedException"/> otherwise.
    /// </summary>
    /// <param name="taskDefinitionArn">The revision whose image runs the steps.</param>
    /// <param name="toVersion">The version to go to; null: the image's newest.</param>
    /// <param name="confirmDataLoss">Allow down steps that lose data.</param>
    /// <param name="planOnly">Only ask the image what it would do (`--plan`): no backup, no change, the same refusals.</param>
    /// <param name="progress">Status and output lines.</param>
    /// <param name="cancellationToken">Stops the task and the wait.</param>
    public async Task<MigrationResult> MigrateAsync(
        string taskDefinitionArn, int? toVersion, bool confirmDataLoss, bool planOnly, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        List<string> command = ["migrate"];
        if (toVersion is { } to)
        {
            command.AddRange(["--to", to.ToString(CultureInfo.InvariantCulture)]);
        }

        if (confirmDataLoss)
        {
            command.Add("--confirm-data-loss");
        }

        if (planOnly)
        {
            command.Add("--plan");
        }

        var label = $"before {TaskDefinitionRegistered.Label(taskDefinitionArn)} migrate" + (toVersion is { } version ? $" --to {version.ToString(CultureInfo.InvariantCulture)}" : "");
        var backedUp = backup is null || planOnly ? null : await backup.BackUpAsync(label, progress, cancellationToken).ConfigureAwait(false);
        var result = await runner.RunAsync(new OneOffTask { TaskDefinitionArn = taskDefinitionArn, Command = command, Purpose = planOnly ? "migrate --plan" : "migrate", Timeout = timeout }, progress, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return new MigrationResult(result, planOnly ? null : SchemaIn(result.OutputTail), backedUp);
        }

        var said = result.OutputTail.LastOrDefault(line => line.Trim().Length > 0)?.Trim();
        var output = result.OutputTail.Count == 0
            ? result.OutputLocation is { } location ? $" (its output: {location})" : ""
            : "; its last lines:\n  " + string.Join("\n  ", result.OutputTail);
        throw result.ExitCode switch
        {
            MigrateExitCodes.BadInput => new DeploymentRefusedException($"migrate refused: {said ?? "bad input (exit code 2)"}; the schema was not changed"),
            MigrateExitCodes.DataLossRefused => new DeploymentRefusedException(said is null
                ? "migrate refused: a down step loses data; the schema was not changed; fix: rerun with --confirm-data-loss once the data may go"
                : $"migrate refused: {said}"),
            MigrateExitCodes.DatabaseUnreachable => new DeploymentFailedException($"migrate could not reach the database: {said ?? "unreachable (exit code 4)"}; nothing was changed"),
            MigrateExitCodes.LockTimeout => new DeploymentFailedException($"migrate gave up waiting for another migration runner: {said ?? "lock timeout (exit code 6)"}; nothing was changed"),
            _ => new DeploymentFailedException($"migration failed: {result.Summary}" + (said is null ? "" : $": {said}") + output + (backedUp is null ? "" : $"\n  (backup taken before it: {backedUp})")),
        };
    }

    /// <summary>
    /// The schema the command's last line states ("schema version 2 (compatible from 1)"), when its output was read
    /// and names both; a bare "schema version 2" says nothing about older releases, so it is not a schema to record
    /// (the release's /version states it at verification).
    /// </summary>
    public static SchemaInfo? SchemaIn(IReadOnlyList<string> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        for (var i = output.Count - 1; i >= 0; i--)
        {
            var match = SchemaVersionLine().Match(output[i]);
            if (match.Success)
            {
                if (!match.Groups[2].Success)
                {
                    return null;
                }

                var version = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var from = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                return new SchemaInfo(version, Math.Min(from, version));
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bschema version (\d+)(?: \(compatible from (\d+)\))?")]
    private static partial Regex SchemaVersionLine();
}
