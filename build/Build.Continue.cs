using AutoPR.Build;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Deployment;
using AutoPR.Deployment.Rollout.Gates;

namespace AutoPR.BuildDefinition;

/// <summary>Continue: the manual gate of a deployment waiting at a PAUSE lifecycle hook.</summary>
internal sealed partial class Build
{
    [Parameter("Continue: what to do with the deployment waiting at the gate", AllowedValuesFrom = nameof(GateActions))]
    public string? Action { get; set; }

    [Parameter("DeployEcs, Continue: at a manual gate (a PAUSE lifecycle hook), leave it waiting and exit 0 instead of waiting for ./build.sh Continue")]
    public bool NoWait { get; set; }

    static IEnumerable<string> GateActions => ["continue", "rollback"];

    WaitingGate? _waitingGate;

    /// <summary>The gate to act on; reading it throws one line (exit code 2, nothing changed) when nothing waits.</summary>
    WaitingGate WaitingGate => _waitingGate ??= DeploymentsAsync(CancellationToken.None).GetAwaiter().GetResult().FindWaitingGateAsync(CancellationToken.None).GetAwaiter().GetResult();

    Target Continue => _ => _
        .Description("Continues the deployment waiting at a manual gate (a PAUSE lifecycle hook), or rolls it back with --action rollback. The DeployEcs waiting there carries on; with none (--no-wait), Continue follows the rollout to its end itself, judged, and rolled back on failure.")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        .Requires(() => WaitingGate)
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            await deployments.ContinueAsync(
                new ContinueOptions { Actor = Actor, RollBack = Action == "rollback", Confirmed = Confirm, WaitForApproval = !NoWait },
                DeploymentEventLog.Create(),
                ct);
        });
}
