using System.Text.Json.Nodes;
using AutoPR.Deployment.Cleanup;
using AutoPR.Deployment.Database;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Publishing;
using AutoPR.Deployment.Rollback;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Rollout.Gates;
using AutoPR.Deployment.Status;
using AutoPR.Deployment.Tasks;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Verification;
using AutoPR.Images.Build;
using AutoPR.Images.Engine;
using AutoPR.Images.Push;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment;

/// <summary>
/// The front door of the library: the deployments of one environment. Push an image into its repository, deploy it,
/// verify it, roll back (by hand, or automatically after a failure), promote an image another environment verified,
/// read the history. It makes its own AWS clients from the environment, and it remembers what it pushed and deployed
/// in this run, so <see cref="VerifyAsync"/> verifies that deployment. Opened with
/// <see cref="DeploymentsOptions.DryRun"/>, it changes nothing anywhere. Failures throw
/// <see cref="DeploymentFailedException"/> (or <see cref="DeploymentRefusedException"/> when nothing was changed).
/// </summary>
public sealed class Deployments : IDisposable
{
    private readonly AwsClients _clients;
    private readonly DeploymentsOptions _options;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly DeploymentHistory _history;
    private readonly EcsDeployer _deployer;
    private readonly Verifier _verifier;
    private readonly EcsRollback _rollback;
    private readonly ILogger _logger;

    private Deployments(DeploymentEnvironment environment, AwsClients clients, DeploymentsOptions options)
    {
        _clients = clients;
        _options = options;
        var state = options.StateDirectory;
        var loggers = options.Loggers;
        _history = new DeploymentHistory(clients.Ecs, Path.Combine(state, "history", environment.Name + ".jsonl"), loggers?.CreateLogger("History"));
        Context = new DeploymentContext(environment, clients.Ecs, _history, new DeploymentContextOptions
        {
            Time = options.Time,
            Loggers = loggers,
            LockDirectory = Path.Combine(state, "locks"),
            DryRun = options.DryRun,
        });
        _logger = Context.Logger("Deployments");
        _deployer = new EcsDeployer(clients.Ecs, Context, new EcsDeployerOptions { Timeout = options.RolloutTimeout ?? TimeSpan.FromMinutes(30) });
        _verifier = new Verifier(clients.Ecs, clients.CloudWatch, _http, Context);
        _rollback = new EcsRollback(clients.Ecs, _deployer, Context, _verifier, clients.Ecr);
    }

    /// <summary>The environment these deployments go to.</summary>
    public DeploymentEnvironment Environment => Context.Environment;

    /// <summary>The clock, loggers, lock and history recorder shared by deploy, verify and rollback.</summary>
    public DeploymentContext Context { get; }

    /// <summary>The image this run pushed or promoted (or, for a dry run, would have).</summary>
    public ImagePushRecord? Pushed { get; private set; }

    /// <summary>The deployment this run made, once <see cref="DeployAsync"/> returned.</summary>
    public DeploymentResult? Deployed { get; private set; }

    private bool DryRun => _options.DryRun;

    /// <summary>
    /// Resolves region, endpoints, retries and credentials for <paramref name="environment"/> (one clear line when
    /// something is missing: <see cref="Aws.AwsConfigurationException"/>) and wires the library.
    /// </summary>
    public static async Task<Deployments> OpenAsync(DeploymentEnvironment environment, DeploymentsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        var aws = options.Aws with
        {
            ReadOnly = options.DryRun,
            Time = options.Time,
            Logger = options.Loggers?.CreateLogger("Aws") ?? options.Aws.Logger,
        };
        var clients = await AwsClients.CreateAsync(environment, aws, cancellationToken).ConfigureAwait(false);
        return new Deployments(environment, clients, options);
    }

    /// <summary>Puts a built image into the environment's repository (see <see cref="EcrImagePublisher"/>).</summary>
    public async Task<PushOutcome> PushAsync(ImageBuildRecord image, DockerEndpoints docker, IProgress<ImagePushProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(docker);
        var outcome = await new EcrImagePublisher(Environment, _clients.Ecr, DryRun, Context.Logger("ImagePusher"))
            .PushAsync(image, docker, progress, cancellationToken).ConfigureAwait(false);
        Pushed = outcome.Record;
        return outcome;
    }

    /// <summary>Copies the image <paramref name="source"/> verified into this environment's repository, by digest.</summary>
    public async Task<PushOutcome> PromoteAsync(DeploymentEnvironment source, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var from = await OpenAsync(source, _options with { DryRun = true }, cancellationToken).ConfigureAwait(false);
        var outcome = await new ImagePromoter(Environment, _clients.Ecr, DryRun, _logger)
            .PromoteAsync(new ImagePromoter.Source(source, from._clients.Ecs, from._clients.Ecr, from._history, from.Context.Family), force, cancellationToken)
            .ConfigureAwait(false);
        Pushed = outcome.Record;
        return outcome;
    }

    /// <summary>
    /// Renders the task and service definitions for <paramref name="image"/>, prints the plan and diff, and (unless a
    /// dry run) rolls it out and watches it, judged while it rolls out. A failure is rolled back when
    /// <see cref="DeployOptions.AutoRollback"/>, then thrown.
    /// </summary>
    public async Task<DeploymentResult> DeployAsync(ImagePushRecord image, DeployOptions options, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        Pushed = image;
        var rendered = Render(image, options.ExtraEnvironment);
        var release = rendered.Release;
        _logger.LogInformation("Deploying {Image} to {Environment}", release.Image.Runnable, Environment.Name);
        var migrates = Environment.Database is { MigrateBeforeRollout: true };
        if (migrates && DryRun)
        {
            _logger.LogInformation("dry run: a deployment would first run the new image's migrations as a one-off task (migrate), after the backup {Backup}", Environment.Database!.Backup);
        }

        // With automatic rollback, the new revision is judged while it rolls out: a breach rolls back at once.
        await using var guard = options.AutoRollback && !DryRun ? _verifier.RolloutGuard() : null;
        var result = Deployed = await _deployer.DeployAsync(
            new DeployRequest
            {
                Rendered = rendered,
                Actor = options.Actor,
                DryRun = DryRun,
                Confirmed = options.Confirmed,
                Guard = guard,
                Gates = DryRun ? null : Gates(release.GitSha, options.WaitForApproval, guard),
                BeforeRollout = migrates && !DryRun ? (arn, ct) => MigrateBeforeRolloutAsync(arn, progress, ct) : null,
                // A name CloudWatch does not know would leave ECS's own rollback silently off (an unapproved run is refused first, without AWS).
                CheckAlarms = !Environment.RequiresApproval || options.Confirmed ? ct => DeploymentAlarmCheck.EnsureExistAsync(Environment, _clients.CloudWatch, ct) : null,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Summary}", result.Summary);
        if (!result.Succeeded)
        {
            await FailAsync(result.Reason ?? result.Summary, result.TaskDefinitionArn, options.Actor, options.AutoRollback, progress, cancellationToken, deployment: result).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Verifies what this run deployed (else what runs): rollout, health, /version, error rate and p99 over the bake
    /// window. The report goes to <paramref name="progress"/> (<see cref="VerificationFinished"/>); a failure is rolled
    /// back when <see cref="VerifyOptions.AutoRollback"/>, then thrown.
    /// </summary>
    public async Task<VerificationReport> VerifyAsync(VerifyOptions options, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = await _verifier.VerifyAsync(
            new VerifyRequest
            {
                TaskDefinitionArn = Deployed?.TaskDefinitionArn,
                ExpectedRevision = Deployed is null ? null : Pushed?.Commit,
                BakeWindow = options.BakeWindow,
                Actor = options.Actor,
                RecordAs = Deployed is null ? DeploymentKind.Verify : DeploymentKind.Deploy,
                DeploymentStartedAt = Deployed?.StartedAt,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        progress?.Report(new VerificationFinished(Context.Time.GetUtcNow(), report));
        if (!report.Passed)
        {
            await FailAsync(report.Summary, report.TaskDefinitionArn, options.Actor, options.AutoRollback, progress, cancellationToken, verification: report).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// A manual rollback to <see cref="RollbackRequest.Target"/>, verified; thrown when it fails. With
    /// <see cref="RollbackRequest.Database"/>, the schema goes back to what the target release needs (the newer image's
    /// down steps); without it, a target that cannot run on the current schema is refused. A dry run only says which
    /// revision (and schema) it would return to, and returns null.
    /// </summary>
    public async Task<RollbackResult?> RollBackAsync(RollbackRequest request, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _logger.LogInformation("Rolling {Environment} back to {Target}", Environment.Name, request.Target);
        var schema = await SchemaRollbackAsync(request, cancellationToken).ConfigureAwait(false);
        if (DryRun)
        {
            var target = await _rollback.ResolveAsync(request.Target, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("dry run: would roll {Environment} back to {Revision}{Schema}; nothing was changed", Environment.Name, TaskDefinitionRegistered.Label(target),
                schema is { GoesDown: true } && request.Database ? $" and the schema to {schema.Target!.Version}" : "");
            return null;
        }

        if (schema is { GoesDown: true, TargetRunsOnCurrent: false } && request.Database)
        {
            // The older release cannot run on the newer schema: the schema goes first (the newer release may fail
            // until it is replaced), then the release.
            await MigrateDownAsync(schema, request, progress, cancellationToken).ConfigureAwait(false);
        }

        var result = await _rollback.RollBackAsync(request, progress, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Summary}", result.Summary);
        if (!result.Succeeded)
        {
            var logs = await FailingTasksAsync(result.ToTaskDefinitionArn, result.Rollout?.StoppedTasks, cancellationToken).ConfigureAwait(false);
            throw new DeploymentFailedException(result.Summary + logs, rollback: result);
        }

        if (schema is { GoesDown: true, TargetRunsOnCurrent: true } && request.Database)
        {
            // Contract last: the older release already runs and can use either schema.
            await MigrateDownAsync(schema, request, progress, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Runs <see cref="RunTaskOptions.Command"/> as a one-off task of the service's revision (or another) and follows
    /// it to its end; the result has its exit code. A dry run says what it would run and returns null.
    /// </summary>
    public async Task<OneOffTaskResult?> RunTaskAsync(RunTaskOptions options, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        DeploymentGuard.RequireApproval(Environment, options.Confirmed, "run a task in");
        var revision = await RevisionAsync(options.Revision, cancellationToken).ConfigureAwait(false);
        if (DryRun)
        {
            _logger.LogInformation("dry run: would run {Command} as a one-off task of {Revision} in {Environment}; nothing was changed", string.Join(' ', options.Command), revision, Environment.Name);
            return null;
        }

        return await Runner().RunAsync(new OneOffTask { TaskDefinitionArn = revision, Command = options.Command, Timeout = options.Timeout }, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the migrations of an image (its revision registered or reused) or of a revision, as a one-off task, after
    /// the environment's backup. Throws <see cref="DeploymentRefusedException"/> when the environment has no database
    /// or the image refused (nothing changed), <see cref="DeploymentFailedException"/> when a step failed.
    /// </summary>
    public async Task<MigrationResult?> MigrateAsync(MigrateOptions options, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireDatabase();
        DeploymentGuard.RequireApproval(Environment, options.Confirmed, "migrate the database of");
        string revision;
        if (options.Revision is null && options.Image is { } image)
        {
            Pushed = image;
            var rendered = Render(image, options.ExtraEnvironment);
            var plan = await _deployer.PlanAsync(rendered, cancellationToken).ConfigureAwait(false);
            if (DryRun)
            {
                _logger.LogInformation("dry run: would run the migrations of {Image} ({Revision}) in {Environment}; nothing was changed",
                    image.Image.Runnable, plan.ReusableTaskDefinitionArn is { } same ? TaskDefinitionRegistered.Label(same) : "a new revision", Environment.Name);
                return null;
            }

            revision = plan.ReusableTaskDefinitionArn
                ?? (await _clients.Ecs.RegisterTaskDefinitionAsync(rendered.RegisterTaskDefinitionRequest(), cancellationToken).ConfigureAwait(false)).Arn
                ?? throw new InvalidOperationException("RegisterTaskDefinition answered without a taskDefinitionArn");
        }
        else
        {
            revision = await RevisionAsync(options.Revision, cancellationToken).ConfigureAwait(false);
            if (DryRun)
            {
                _logger.LogInformation("dry run: would run the migrations of {Revision} in {Environment}; nothing was changed", TaskDefinitionRegistered.Label(revision), Environment.Name);
                return null;
            }
        }

        using var environmentLock = Context.Lock(options.Actor);
        return await Migrator().MigrateAsync(revision, options.ToVersion, options.ConfirmDataLoss, planOnly: false, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The gate the environment's deployment waits at; throws <see cref="DeploymentRefusedException"/> when none waits.</summary>
    public Task<WaitingGate> FindWaitingGateAsync(CancellationToken cancellationToken) => WaitingGate.FindAsync(_clients.Ecs, Environment, cancellationToken);

    /// <summary>
    /// Continues or rolls back the deployment waiting at a gate (ContinueServiceDeployment). When no other run watches
    /// it (a DeployEcs left it with --no-wait), this one follows it to its end: a continued rollout is judged and rolled
    /// back on failure, as DeployEcs does; a rollback is followed, recorded and verified. Throws
    /// <see cref="DeploymentRefusedException"/> when nothing waits, <see cref="DeploymentFailedException"/> on failure.
    /// </summary>
    public async Task ContinueAsync(ContinueOptions options, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        DeploymentGuard.RequireApproval(Environment, options.Confirmed);
        var gate = await FindWaitingGateAsync(cancellationToken).ConfigureAwait(false);
        var action = options.RollBack ? "ROLLBACK" : "CONTINUE";
        var revision = gate.TaskDefinitionArn is { } arn ? TaskDefinitionRegistered.Label(arn) : "the new revision";
        if (DryRun)
        {
            _logger.LogInformation("dry run: would send {Action} to {Revision} waiting at {Stage} ({Environment}); nothing was changed", action, revision, gate.Stage, Environment.Name);
            return;
        }

        await _clients.Ecs.ContinueServiceDeploymentAsync(gate.ServiceDeploymentArn, gate.HookId, action, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Action} {Revision} at {Stage} ({Environment})", options.RollBack ? "Rolling back" : "Continued", revision, gate.Stage, Environment.Name);
        if (OtherRunWatches(options.Actor))
        {
            _logger.LogInformation("The run waiting at the gate carries on from here (it holds the {Environment} lock)", Environment.Name);
            return;
        }

        if (options.RollBack)
        {
            var rollback = await _rollback.RollBackAfterFailureAsync(
                new AutoRollbackRequest { Cause = $"rolled back at {gate.Stage} by {options.Actor}", Actor = options.Actor, FailedTaskDefinitionArn = gate.TaskDefinitionArn },
                progress,
                cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Summary}", rollback.Summary);
            if (!rollback.Succeeded)
            {
                var logs = await FailingTasksAsync(rollback.ToTaskDefinitionArn, rollback.Rollout?.StoppedTasks, cancellationToken).ConfigureAwait(false);
                throw new DeploymentFailedException(rollback.Summary + logs, rollback: rollback);
            }

            return;
        }

        await FollowContinuedAsync(gate, options, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Compares what runs with what the repository says, rendered with the release that runs (see
    /// <see cref="Drift.DriftChecker"/>). Reads only; the report says whether anything drifted.
    /// </summary>
    public Task<Drift.DriftReport> CheckDriftAsync(CancellationToken cancellationToken) =>
        new Drift.DriftChecker(_clients.Ecs, DeploymentTemplates.Load(_options.TemplatesDirectory)).CheckAsync(Environment, cancellationToken);

    /// <summary>
    /// Writes the service container's log lines (see <see cref="Logs.LogReader"/>) and returns how many; a follow ends
    /// only by cancellation. Reads only.
    /// </summary>
    public Task<int> ReadLogsAsync(Logs.LogReadRequest request, Action<Logs.ServiceLogLine> write, CancellationToken cancellationToken) =>
        new Logs.LogReader(_clients.Ecs, _clients.Logs, Environment, Context.Family, Context.Time, Context.Logger("Logs")).ReadAsync(request, write, cancellationToken);

    /// <summary>The deployments, verifications and rollbacks of the environment, newest first.</summary>
    public Task<IReadOnlyList<DeploymentRecord>> HistoryAsync(CancellationToken cancellationToken) =>
        _history.ReadAsync(Context.Family, Environment.Name, cancellationToken: cancellationToken);

    /// <summary>
    /// What runs in the environment (see <see cref="EnvironmentStatus"/>): the service, its deployments with traffic,
    /// tasks per revision with health, the latest events and the last verified release. Reads only.
    /// </summary>
    public Task<EnvironmentStatus> StatusAsync(CancellationToken cancellationToken) =>
        new EnvironmentStatusReader(_clients.Ecs, _history).ReadAsync(Environment, Context.Family, cancellationToken: cancellationToken);

    /// <summary>
    /// Deregisters the family's revisions beyond the newest <see cref="CleanupOptions.Keep"/>, never one that runs, one
    /// a rollback would return to, or the last verified one (see <see cref="RevisionCleanup"/>), under the
    /// environment's lock. A dry run only plans. Progress reports each deregistered revision.
    /// </summary>
    public async Task<CleanupResult> CleanupAsync(CleanupOptions options, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keep < 1)
        {
            throw new DeploymentRefusedException($"--keep {options.Keep} would leave no revision to run; nothing was changed; fix: keep at least 1 (default {RevisionCleanup.DefaultKeep})");
        }

        DeploymentGuard.RequireApproval(Environment, options.Confirmed || DryRun, "deregister task definitions of");
        using var environmentLock = Context.Lock(options.Actor);
        var result = await new RevisionCleanup(_clients.Ecs, _history, Context).RunAsync(options.Keep, DryRun, progress, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Summary}", result.Summary);
        return result;
    }

    /// <summary>
    /// Creates the cluster of a local environment (idempotent). On AWS the cluster is infrastructure made elsewhere,
    /// so this refuses any other environment.
    /// </summary>
    public async Task CreateLocalClusterAsync(CancellationToken cancellationToken)
    {
        if (!Environment.IsLocal)
        {
            throw new InvalidOperationException($"{Environment.Name} is not a local environment; its cluster is infrastructure, made outside this tool.");
        }

        await _clients.Core.SendAsync(EcsOperations.CreateCluster, new JsonObject { ["clusterName"] = Environment.Cluster }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates or updates a local environment's alarms (localAlarms) on LocalEcs, each on its AWS/ApplicationELB metric of
    /// the environment's target group; PutMetricAlarm replaces an alarm's configuration and keeps its state, so it is
    /// safe to repeat. On AWS the alarms are Terraform's, so this refuses any other environment.
    /// </summary>
    public async Task CreateLocalAlarmsAsync(CancellationToken cancellationToken)
    {
        if (!Environment.IsLocal)
        {
            throw new InvalidOperationException($"{Environment.Name} is not a local environment; its alarms are infrastructure (Terraform), never made by this tool.");
        }

        var targetGroup = Environment.LoadBalancer.TargetGroupArn?.Split(':')[^1];
        foreach (var alarm in Environment.LocalAlarms)
        {
            await _clients.CloudWatch.PutMetricAlarmAsync(LocalAlarmRequest.For(alarm, targetGroup), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores a secret's value in a local environment's parameter store (the SSM parameter its secrets entry names),
    /// as a SecureString. On AWS secrets are set out of band, so this refuses any other environment.
    /// </summary>
    public async Task PutLocalSecretAsync(string secret, string value, CancellationToken cancellationToken)
    {
        if (!Environment.IsLocal)
        {
            throw new InvalidOperationException($"{Environment.Name} is not a local environment; its secrets are set out of band, never by this tool.");
        }

        if (!Environment.Secrets.TryGetValue(secret, out var arn) || Ssm.SsmParameterReference.TryParse(arn, out var error) is not { } parameter)
        {
            throw new InvalidOperationException($"{Environment.Name} has no secret {secret} with an SSM parameter ARN; fix: add secrets.{secret} to its environment file");
        }

        if (!DryRun)
        {
            await _clients.SsmParameters.PutParameterAsync(parameter.Name, value, Ssm.SsmParameterType.SecureString, overwrite: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _clients.Dispose();
    }

    private RenderedDeployment Render(ImagePushRecord image, IReadOnlyDictionary<string, string> extraEnvironment) =>
        DeploymentTemplates.Load(_options.TemplatesDirectory).Render(Environment, new ReleaseInfo
        {
            Image = image.Image,
            GitSha = image.Commit,
            Version = image.Image.Tag ?? image.Commit,
            ImageTag = image.Image.Tag,
            ExtraEnvironment = extraEnvironment,
        });

    /// <summary>Reads a one-off task's awslogs stream forward (CloudWatch Logs GetLogEvents).</summary>
    private TaskLogReader TaskLogs() => async (group, stream, token, cancellationToken) =>
    {
        var page = await _clients.Logs.GetLogEventsAsync(group, stream, startFromHead: true, nextToken: token, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ([.. page.Events.Select(e => e.Message)], page.NextForwardToken);
    };

    /// <summary>
    /// After a failure: "\n" and the failing tasks of <paramref name="revision"/> (the given stopped ones, else those ECS
    /// lists), each with its stopped reason, exit code and last log lines; empty when there is nothing to show.
    /// </summary>
    private async Task<string> FailingTasksAsync(string? revision, IReadOnlyList<StoppedTask>? stoppedTasks, CancellationToken cancellationToken)
    {
        if (_options.FailureLogLines <= 0 || (revision is null && stoppedTasks is not { Count: > 0 }))
        {
            return "";
        }

        var text = await new Logs.FailingTaskLogs(_clients.Ecs, _clients.Logs, Environment)
            .DescribeAsync(revision, stoppedTasks ?? [], _options.FailureLogLines, cancellationToken).ConfigureAwait(false);
        return text.Length == 0 ? "" : "\n" + text;
    }

    /// <summary>The backup the environment asks for before migrations change the database.</summary>
    private IDatabaseBackup? Backup() => Environment.Database switch
    {
        { Backup: DatabaseBackupKind.RdsSnapshot, DbInstanceIdentifier: { } instance } =>
            new Database.Backups.RdsSnapshotBackup(_clients.Rds, instance, Environment.Name, Context.Time),
        { Backup: DatabaseBackupKind.PgDump } database =>
            new Database.Backups.PgDumpBackup(_clients.SsmParameters, Environment.Secrets[database.UrlSecret], Path.Combine(_options.StateDirectory, "local-stack", "backups"), Environment.Name, Context.Time),
        _ => null,
    };

    private OneOffTaskRunner Runner() => new(_clients.Ecs, Environment, Context.Time, TaskLogs());

    private SchemaMigrator Migrator() => new(Runner(), Backup(), _options.RolloutTimeout ?? TimeSpan.FromMinutes(30));

    private void RequireDatabase()
    {
        if (Environment.Database is null)
        {
            throw new DeploymentRefusedException($"{Environment.Name} has no database (deploy/environments/{Environment.Name}.json names none); nothing to migrate; fix: add a \"database\" section");
        }
    }

    /// <summary>The revision ARN of --revision N, else the one the service runs.</summary>
    private async Task<string> RevisionAsync(int? revision, CancellationToken cancellationToken)
    {
        if (revision is { } number)
        {
            return $"{Context.Family}:{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        var service = await _clients.Ecs.DescribeServiceAsync(Environment.Cluster, Environment.Service, cancellationToken).ConfigureAwait(false);
        return service is { Status: not "INACTIVE", TaskDefinition: { } running }
            ? running
            : throw new DeploymentRefusedException($"service {Environment.Service} does not run in {Environment.Cluster}, so there is no current revision; nothing was run; fix: deploy first, or name one with --revision N");
    }

    private async Task<BeforeRolloutNote?> MigrateBeforeRolloutAsync(string revision, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        var migrated = await Migrator().MigrateAsync(revision, toVersion: null, confirmDataLoss: false, planOnly: false, progress, cancellationToken).ConfigureAwait(false);
        return new BeforeRolloutNote(migrated.Schema, migrated.Backup);
    }

    /// <summary>
    /// What the rollback means for the schema, and the refusals before anything changes: an older release that cannot
    /// run on the current schema needs --database; the down steps must be allowed (the image is asked with --plan).
    /// </summary>
    private async Task<SchemaRollbackPlan?> SchemaRollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        if (Environment.Database is null)
        {
            if (request.Database)
            {
                RequireDatabase();
            }

            return null;
        }

        var service = await _clients.Ecs.DescribeServiceAsync(Environment.Cluster, Environment.Service, cancellationToken).ConfigureAwait(false);
        if (service?.TaskDefinition is not { } current)
        {
            return null;
        }

        var target = await _rollback.ResolveAsync(request.Target, cancellationToken).ConfigureAwait(false);
        var plan = SchemaRollbackPlan.From(await HistoryAsync(cancellationToken).ConfigureAwait(false), current, target);
        _logger.LogInformation("database: {Plan}", plan.Describe());
        if (plan.Unknown)
        {
            return request.Database
                ? throw new DeploymentRefusedException($"cannot take the schema back with the release: {plan.Describe()}; nothing was changed; fix: roll back without --database, then run ./build.sh Migrate --revision N --to V by hand")
                : null;
        }

        if (!plan.GoesDown)
        {
            return plan;
        }

        var version = plan.Target!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!request.Database && !plan.TargetRunsOnCurrent)
        {
            throw new DeploymentRefusedException(
                $"{plan.Describe()}; nothing was changed; fix: rerun with --database to run the down steps to schema {version} with {TaskDefinitionRegistered.Label(current)}'s image (add --confirm-data-loss if a step loses data)");
        }

        if (!request.Database)
        {
            _logger.LogInformation("database: stays at schema {Current}; --database would take it back to {Target}", plan.Current!.Version, version);
            return plan;
        }

        if (!DryRun)
        {
            // Asked before anything changes: a refusal (data loss not confirmed, unknown version) leaves all as it is.
            await Migrator().MigrateAsync(current, plan.Target.Version, request.ConfirmDataLoss, planOnly: true, progress: null, cancellationToken).ConfigureAwait(false);
        }

        return plan;
    }

    private async Task MigrateDownAsync(SchemaRollbackPlan plan, RollbackRequest request, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        var migrated = await Migrator().MigrateAsync(plan.CurrentArn, plan.Target!.Version, request.ConfirmDataLoss, planOnly: false, progress, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("database: schema {Version} with {Revision}'s down steps{Backup}", plan.Target.Version, TaskDefinitionRegistered.Label(plan.CurrentArn),
            migrated.Backup is { } backup ? $" (backup before them: {backup})" : "");
    }

    private DeploymentGates Gates(string? expectedGitRevision, bool waitForApproval, IRolloutGuard? guard) => new(
        _clients.Ecs,
        Environment,
        Environment.SmokeCheckUrl is null ? null : new SmokeChecks(_http, Environment, Context.Time),
        expectedGitRevision,
        waitForApproval,
        Context.Time,
        guard);

    private bool OtherRunWatches(string actor)
    {
        try
        {
            Context.Lock(actor)?.Dispose();
            return false;
        }
        catch (DeploymentRefusedException refused) when (refused.Reason == RefusalReason.Locked)
        {
            return true;
        }
    }

    private async Task FollowContinuedAsync(WaitingGate gate, ContinueOptions options, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        if (gate.TaskDefinitionArn is not { } target)
        {
            return;
        }

        RolloutResult rollout;
        await using (var guard = _verifier.RolloutGuard())
        {
            using var environmentLock = Context.Lock(options.Actor);
            rollout = await _deployer.WatchAsync(
                new RolloutWatch
                {
                    Cluster = Environment.Cluster,
                    Service = Environment.Service,
                    TaskDefinitionArn = target,
                    ServiceDeploymentArn = gate.ServiceDeploymentArn,
                    Guard = guard,
                    Gates = Gates(expectedGitRevision: null, options.WaitForApproval, guard),
                    Timeout = _deployer.Options.Timeout,
                },
                progress,
                cancellationToken).ConfigureAwait(false);
        }

        if (rollout.Outcome is not (RolloutOutcome.Succeeded or RolloutOutcome.AwaitingApproval))
        {
            await FailAsync(rollout.Reason ?? rollout.Outcome.ToString(), target, options.Actor, autoRollback: true, progress, cancellationToken, stoppedTasks: rollout.StoppedTasks).ConfigureAwait(false);
        }
    }

    // Rolls back (unless off), then fails with the original cause whatever the rollback did.
    private async Task FailAsync(
        string cause,
        string? failedTaskDefinitionArn,
        string actor,
        bool autoRollback,
        IProgress<DeploymentEvent>? progress,
        CancellationToken cancellationToken,
        DeploymentResult? deployment = null,
        VerificationReport? verification = null,
        IReadOnlyList<StoppedTask>? stoppedTasks = null)
    {
        stoppedTasks ??= deployment?.Rollout?.StoppedTasks;
        if (!autoRollback || DryRun)
        {
            var logs = await FailingTasksAsync(failedTaskDefinitionArn, stoppedTasks, cancellationToken).ConfigureAwait(false);
            throw new DeploymentFailedException($"{cause} (automatic rollback is off: --no-auto-rollback){logs}", deployment, verification);
        }

        _logger.LogWarning("Rolling back: {Cause}", cause);
        var rollback = await _rollback.RollBackAfterFailureAsync(
            new AutoRollbackRequest { Cause = cause, Actor = actor, FailedTaskDefinitionArn = failedTaskDefinitionArn },
            progress,
            cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("{Summary}", rollback.Summary);

        // Read after the rollback, which must not wait for them; the first line stays the cause and the outcome.
        var failing = await FailingTasksAsync(failedTaskDefinitionArn, stoppedTasks, cancellationToken).ConfigureAwait(false);
        throw new DeploymentFailedException(
            (rollback.Succeeded
                ? $"{cause}; rolled back to {rollback.ToTaskDefinitionArn?.Split('/').Last()}"
                : $"{cause}; the rollback did not complete either: {rollback.Summary}") + failing,
            deployment,
            verification,
            rollback);
    }
}
