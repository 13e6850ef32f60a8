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
    public async Task<MigrationResult> MigrateAsync(string taskDefinitionArn, int? toVersion, bool confirmDataLoss, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
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

        var label = $"before {TaskDefinitionRegistered.Label(taskDefinitionArn)} migrate" + (toVersion is { } version ? $" --to {version.ToString(CultureInfo.InvariantCulture)}" : "");
        var backedUp = backup is null ? null : await backup.BackUpAsync(label, progress, cancellationToken).ConfigureAwait(false);
        var result = await runner.RunAsync(new OneOffTask { TaskDefinitionArn = taskDefinitionArn, Command = command, Purpose = "migrate", Timeout = timeout }, progress, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return new MigrationResult(result, SchemaVersionIn(result.OutputTail), backedUp);
        }

        var said = result.OutputTail.LastOrDefault(line => line.Trim().Length > 0)?.Trim();
        var output = result.OutputTail.Count == 0
            ? result.OutputLocation is { } location ? $" (its output: {location})" : ""
            : "; its last lines:\n  " + string.Join("\n  ", result.OutputTail);
        throw result.ExitCode switch
        {
            MigrateExitCodes.BadInput => new DeploymentRefusedException($"migrate refused: {said ?? "bad input (exit code 2)"}; the schema was not changed"),
            MigrateExitCodes.DataLossRefused => new DeploymentRefusedException(
                $"migrate refused: {said ?? "a down step loses data"}; the schema was not changed; fix: rerun with --confirm-data-loss once the data may go" + (backedUp is null ? "" : $" (backup: {backedUp})")),
            MigrateExitCodes.DatabaseUnreachable => new DeploymentFailedException($"migrate could not reach the database: {said ?? "unreachable (exit code 4)"}; nothing was changed"),
            MigrateExitCodes.LockTimeout => new DeploymentFailedException($"migrate gave up waiting for another migration runner: {said ?? "lock timeout (exit code 5)"}; nothing was changed"),
            _ => new DeploymentFailedException($"migration failed: {result.Summary}" + (said is null ? "" : $": {said}") + output + (backedUp is null ? "" : $"\n  (backup taken before it: {backedUp})")),
        };
    }

    /// <summary>The version the command's last line states ("schema version 2"), when its output was read.</summary>
    public static int? SchemaVersionIn(IReadOnlyList<string> output)
    {
        for (var i = output.Count - 1; i >= 0; i--)
        {
            var match = SchemaVersionLine().Match(output[i]);
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bschema version (\d+)\b")]
    private static partial Regex SchemaVersionLine();
}
