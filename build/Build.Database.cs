using AutoPR.Build;
using AutoPR.BuildDefinition.Deployment;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Deployment;

namespace AutoPR.BuildDefinition;

/// <summary>One-off tasks: RunTask (any command) and Migrate (the image's database migrations).</summary>
internal sealed partial class Build
{
    [Parameter("RunTask: the container's command, split as a shell would (for example \"migrate --plan\"); the image's entrypoint takes it as arguments")]
    public string? Command { get; set; }

    [Parameter("RunTask, Migrate: the task-definition revision to run (default: RunTask the one the service runs; Migrate the image this run pushed, else the one the service runs); Logs: only the lines of that revision's tasks")]
    public int? Revision { get; set; }

    [Parameter("Migrate: the schema version to migrate up or down to (default: the image's newest)")]
    public int? ToSchema { get; set; }

    [Parameter("Migrate, Rollback --database: allow down steps that lose data (a dropped column, a dropped table)")]
    public bool ConfirmDataLoss { get; set; }

    [Parameter("RunTask: how long the task may run before it is stopped (for example 10m)")]
    public TimeSpan? TaskTimeout { get; set; }

    /// <summary>--command as words; reading it throws the one-line error for an unclosed quote.</summary>
    IReadOnlyList<string> CommandLineWords => CommandWords.Split(Command);

    Target RunTask => _ => _
        .Description("Runs the service's revision (or --revision N) as a one-off task with --command, shows its output as it comes, and exits with the task's exit code.")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        .Requires(() => CommandLineWords.Count > 0, "RunTask needs --command, the container's command (for example --command \"migrate --plan\")")
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            var result = await deployments.RunTaskAsync(
                new RunTaskOptions { Command = CommandLineWords, Revision = Revision, Actor = Actor, Confirmed = Confirm, Timeout = TaskTimeout ?? TimeSpan.FromMinutes(30) },
                DeploymentEventLog.Create(),
                ct);
            if (result is { Succeeded: false })
            {
                var tail = result.OutputTail.Count > 0 ? "; its last lines:\n  " + string.Join("\n  ", result.OutputTail)
                    : result.OutputLocation is { } location ? $" (its output: {location})" : "";
                throw new TargetExitCodeException(result.ExitCode is > 0 and < 256 and var code ? code : 1, result.Summary + tail);
            }
        });

    Target Migrate => _ => _
        .Description("Runs the database migrations of the image this run pushed (PushEcr Migrate), or of --revision N, as a one-off task after the environment's backup: up to the newest step, or up or down --to-schema N (down steps that lose data need --confirm-data-loss). DeployEcs runs them itself before every rollout.")
        .After(PushEcr)
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            var image = Revision is null ? deployments.Pushed : null;
            await deployments.MigrateAsync(
                new MigrateOptions
                {
                    Image = image,
                    Revision = Revision,
                    ToVersion = ToSchema,
                    ConfirmDataLoss = ConfirmDataLoss,
                    Actor = Actor,
                    Confirmed = Confirm,
                    ExtraEnvironment = ExtraContainerEnvironment,
                },
                DeploymentEventLog.Create(),
                ct);
        });
}
