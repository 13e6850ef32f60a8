using AutoPR.Build;
using AutoPR.BuildDefinition.Deployment;
using AutoPR.BuildDefinition.Records;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollback;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Verification;
using Serilog;

namespace AutoPR.BuildDefinition;

/// <summary>DeployEcs and Verify: roll out the pushed image, watch it, verify it, and roll back when either fails.</summary>
internal sealed partial class Build
{
    [Parameter("Print the plan and the diff against what runs; change nothing")]
    public bool DryRun { get; set; }

    [Parameter("Approve a deployment or rollback to an environment that requires approval (production)")]
    public bool Confirm { get; set; }

    [Parameter("Do not roll back automatically when the deployment or its verification fails (the rollout is then not judged until it completes)")]
    public bool NoAutoRollback { get; set; }

    [Parameter("How long to wait for the ECS deployment to finish (for example 10m)")]
    public TimeSpan? DeployTimeout { get; set; }

    [Parameter("Verification bake window, overriding the environment's (for example 30s)")]
    public TimeSpan? BakeWindow { get; set; }

    [Parameter("DeployEcs: extra container variables of this deployment, KEY=VALUE ..., over the environment file's (for example AUTOPR_FAULT_LATENCY_MS=3000)")]
    public string[]? ContainerEnv { get; set; }

    /// <summary>Local state: the history mirror and the per-environment deployment locks.</summary>
    static AbsolutePath DeploymentStateDirectory => RootDirectory / ".autopr";

    DeploymentSession? _session;
    DeploymentResult? _deployment;
    PushRecord? _pushed;

    async Task<DeploymentSession> SessionAsync(CancellationToken cancellationToken) =>
        _session ??= await DeploymentSession.CreateAsync(SelectedEnvironment!, DeploymentStateDirectory, DeployTimeout, LibraryLogger, cancellationToken);

    /// <summary>An environment that requires approval (production) is refused before anything runs, unless --confirm.</summary>
    bool ApprovedOrNotNeeded => SelectedEnvironment is not { RequiresApproval: true } || Confirm || DryRun;

    const string ApprovalMessage = "the environment requires approval: pass --confirm (in CI, approval comes from the GitHub environment's reviewers). Nothing was changed.";

    static string Actor =>
        System.Environment.GetEnvironmentVariable("GITHUB_ACTOR") is { Length: > 0 } github ? $"github:{github}"
        : $"{System.Environment.UserName}@{System.Environment.MachineName}";

    Target DeployEcs => _ => _
        .Description("Renders the task and service definitions, shows the diff, rolls out the pushed image by digest and watches it.")
        .DependsOn(PushEcr)
        .After(Promote)
        .Triggers(Verify)
        .Requires(() => Environment)
        .Requires(() => SelectedEnvironment)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        // Reading the pairs throws the one-line error for a malformed one: exit code 2 before anything runs.
        .Requires(() => ExtraContainerEnvironment is not null, "--container-env takes KEY=VALUE pairs")
        .Executes(async ct =>
        {
            var session = await SessionAsync(ct);
            _pushed = await PushRecord.ReadAsync(PushRecordFile(session.Environment.Name), ct);
            var release = new ReleaseInfo
            {
                Image = ImageReference.Parse(_pushed.DigestReference),
                GitSha = _pushed.Commit,
                Version = _pushed.Tag,
                ImageTag = _pushed.Tag,
                ExtraEnvironment = ExtraContainerEnvironment,
            };
            var rendered = DeploymentTemplates.Load(DeploymentTemplates.DefaultDirectory(RootDirectory)).Render(session.Environment, release);

            Log.Information("Deploying {Image} to {Environment}", release.Image.Pinned, session.Environment.Name);
            // With automatic rollback, the new revision is judged while it rolls out: a breach rolls back at once.
            await using var guard = NoAutoRollback ? null : session.Verifier.RolloutGuard(session.Environment);
            var result = _deployment = await session.Deployer.DeployAsync(
                new DeployRequest { Rendered = rendered, Actor = Actor, DryRun = DryRun, Confirmed = Confirm, Timeout = DeployTimeout, Guard = guard },
                DeploymentEventLog.Create(),
                ct);
            Log.Information("{Summary}", result.Summary);
            if (!result.Succeeded)
            {
                await RollBackAfterFailureAsync(session, result.Reason ?? result.Summary, result.TaskDefinitionArn, ct);
            }

            await DeploymentReport.AppendAsync(session.Environment, _pushed, result, verification: null, ct);
        });

    Target Verify => _ => _
        .Description("Checks the running deployment: rollout completed on the expected revision, health, /version, error rate and p99 latency over the bake window.")
        .After(DeployEcs)
        .OnlyWhenStatic(() => !DryRun)
        .Requires(() => Environment)
        .Requires(() => SelectedEnvironment)
        .Executes(async ct =>
        {
            var session = await SessionAsync(ct);
            var report = await session.Verifier.VerifyAsync(
                new VerifyRequest
                {
                    Environment = session.Environment,
                    TaskDefinitionArn = _deployment?.TaskDefinitionArn,
                    ExpectedRevision = _deployment is null ? null : _pushed?.Commit,
                    BakeWindow = BakeWindow,
                    Actor = Actor,
                    RecordAs = _deployment is null ? DeploymentKind.Verify : DeploymentKind.Deploy,
                    DeploymentStartedAt = _deployment?.StartedAt,
                },
                DeploymentEventLog.Create(),
                ct);
            foreach (var line in report.ToText().Split('\n'))
            {
                Log.Information("{Line}", line.TrimEnd());
            }

            await DeploymentReport.AppendAsync(session.Environment, _pushed, _deployment, report, ct);
            if (!report.Passed)
            {
                await RollBackAfterFailureAsync(session, report.Summary, report.TaskDefinitionArn, ct);
            }

            if (session.Environment.LoadBalancer.ListenerUrl is { } url)
            {
                Log.Information("AutoPR answers at {Url}", url);
            }
        });

    /// <summary>--container-env as a map; throws a one-line error for a malformed pair.</summary>
    IReadOnlyDictionary<string, string> ExtraContainerEnvironment => ContainerEnvironmentArguments.Parse(ContainerEnv ?? []);

    /// <summary>Rolls back (unless --no-auto-rollback), then fails with the original cause whatever the rollback did.</summary>
    async Task RollBackAfterFailureAsync(DeploymentSession session, string cause, string? failedTaskDefinitionArn, CancellationToken cancellationToken)
    {
        if (NoAutoRollback || DryRun)
        {
            throw new InvalidOperationException($"{cause} (automatic rollback is off: --no-auto-rollback)");
        }

        Log.Warning("Rolling back: {Cause}", cause);
        var rollback = await session.Rollback.RollBackAfterFailureAsync(
            new AutoRollbackRequest { Environment = session.Environment, Cause = cause, Actor = Actor, FailedTaskDefinitionArn = failedTaskDefinitionArn },
            DeploymentEventLog.Create(),
            cancellationToken);
        Log.Warning("{Summary}", rollback.Summary);
        throw new InvalidOperationException(rollback.Succeeded
            ? $"{cause}; rolled back to {rollback.ToTaskDefinitionArn?.Split('/').Last()}"
            : $"{cause}; the rollback did not complete either: {rollback.Summary}");
    }
}
