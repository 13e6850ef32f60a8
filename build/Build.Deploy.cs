using AutoPR.Build;
using AutoPR.BuildDefinition.Deployment;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Deployment;
using AutoPR.Deployment.Rollout;
using AutoPR.Images.Push;

namespace AutoPR.BuildDefinition;

/// <summary>DeployEcs and Verify: roll out the pushed image, watch it, verify it, and roll back when either fails.</summary>
internal sealed partial class Build
{
    [Parameter("Print the plan and the diff against what runs; change nothing anywhere (AWS, registry, tags, history, local stack)")]
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

    /// <summary>An environment that requires approval (production) is refused before anything runs, unless --confirm.</summary>
    bool ApprovedOrNotNeeded => EnvironmentFile is not { RequiresApproval: true } || Confirm || DryRun;

    const string ApprovalMessage = "the environment requires approval: pass --confirm (in CI, approval comes from the GitHub environment's reviewers). Nothing was changed.";

    Target DeployEcs => _ => _
        .Description("Renders the task and service definitions (with the deployment alarms ECS rolls back on, which must exist), shows the diff, rolls out the pushed image by digest and watches it, judging the new revision on its own answers to probes, route by route.")
        .DependsOn(PushEcr)
        .After(Promote)
        .Triggers(Verify)
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        // Reading the pairs throws the one-line error for a malformed one: exit code 2 before anything runs.
        .Requires(() => ExtraContainerEnvironment is not null, "--container-env takes KEY=VALUE pairs")
        .Requires(() => !FailOnDrift || DryRun, DriftNeedsDryRunMessage)
        .Executes(async ct =>
        {
            if (FailOnDrift)
            {
                await CheckDriftAsync(ct);
                return;
            }

            var deployments = await DeploymentsAsync(ct);
            var image = deployments.Pushed ?? await ImagePushRecord.ReadAsync(PushRecordFile(deployments.Environment.Name), ct);
            var options = new DeployOptions { Actor = Actor, Confirmed = Confirm, AutoRollback = !NoAutoRollback, ExtraEnvironment = ExtraContainerEnvironment, WaitForApproval = !NoWait };
            DeploymentResult result;
            try
            {
                result = await deployments.DeployAsync(image, options, DeploymentEventLog.Create(), ct);
            }
            catch (DeploymentRefusedException refused) when (refused.Reason == RefusalReason.MissingAlarms)
            {
                // A mistake in the environment file, found in CloudWatch: a usage error like the file's own.
                throw new TargetExitCodeException(ExitCodes.UsageError, refused.Message);
            }

            await DeploymentReport.AppendAsync(deployments, result, verification: null, ct);
        });

    Target Verify => _ => _
        .Description("Checks the running deployment: rollout completed on the expected revision, health, /version, then over the bake window the new revision's answers per route against the old one's, and users' error rate and p99 latency (CloudWatch).")
        .After(DeployEcs)
        .After(Continue)
        .OnlyWhenStatic(() => !DryRun)
        // A deployment left waiting at a gate (--no-wait) has nothing to verify yet.
        .OnlyWhenDynamic(() => _deployments?.Deployed is not { IsAwaitingApproval: true })
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            try
            {
                var report = await deployments.VerifyAsync(
                    new VerifyOptions { Actor = Actor, BakeWindow = BakeWindow, AutoRollback = !NoAutoRollback }, DeploymentEventLog.Create(), ct);
                await DeploymentReport.AppendAsync(deployments, deployments.Deployed, report, ct);
            }
            catch (DeploymentFailedException failed) when (failed.Verification is not null)
            {
                await DeploymentReport.AppendAsync(deployments, deployments.Deployed, failed.Verification, ct);
                throw;
            }

            if (deployments.Environment.LoadBalancer.ListenerUrl is { } url)
            {
                Serilog.Log.Information("AutoPR answers at {Url}", url);
            }
        });

    /// <summary>--container-env as a map; throws a one-line error for a malformed pair.</summary>
    IReadOnlyDictionary<string, string> ExtraContainerEnvironment => ContainerEnvironmentArguments.Parse(ContainerEnv ?? []);
}
