using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Verification;

namespace AutoPR.Deployment.Rollout.Gates;

/// <summary>
/// The gates of a deployment. At POST_TEST_TRAFFIC_SHIFT with a test listener, the smoke checks run once; they
/// continue the deployment (ContinueServiceDeployment) when they pass, unless the environment also puts a manual gate
/// there, and fail it when they do not. Any other waiting PAUSE hook is a manual gate: it is announced once, and then
/// waited for (./build.sh Continue from elsewhere) or, with <paramref name="waitForApproval"/> false, left open.
/// </summary>
public sealed class DeploymentGates(EcsClient ecs, DeploymentEnvironment environment, SmokeChecks? smokeChecks, string? expectedGitRevision, bool waitForApproval, TimeProvider time) : IDeploymentGates
{
    private readonly HashSet<string> _smokeChecked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<GateVerdict> AtHookAsync(EcsServiceDeploymentView deployment, EcsLifecycleHookDetail hook, string taskDefinitionArn, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(hook);
        var stage = deployment.LifecycleStage ?? "an unknown stage";
        var hookId = hook.HookId ?? string.Empty;
        if (stage == TrafficShiftValues.SmokeCheckStage && smokeChecks is not null && expectedGitRevision is not null && _smokeChecked.Add(hookId))
        {
            progress?.Report(new SmokeChecksStarted(time.GetUtcNow(), environment.SmokeCheckUrl!, smokeChecks.Requests(expectedGitRevision).Count * SmokeChecks.Repeats));
            var failure = await smokeChecks.RunAsync(taskDefinitionArn, expectedGitRevision, cancellationToken).ConfigureAwait(false);
            progress?.Report(new SmokeChecksFinished(time.GetUtcNow(), failure));
            if (failure is not null)
            {
                return new GateVerdict(GateAction.Fail, $"failed the smoke checks at {stage}, before any production traffic: {failure}");
            }

            if (!HasManualGate(stage))
            {
                await ecs.ContinueServiceDeploymentAsync(deployment.Arn!, hookId, "CONTINUE", cancellationToken).ConfigureAwait(false);
                return new GateVerdict(GateAction.Continued);
            }
        }

        var expires = hook.ExpiresAt is { } at ? $" (expires in {Remaining(at - time.GetUtcNow())}, then {hook.TimeoutAction ?? "ROLLBACK"})" : string.Empty;
        var waiting = $"waiting for approval at {stage}{expires}";
        if (_announced.Add(hookId))
        {
            progress?.Report(new ApprovalAwaited(time.GetUtcNow(), waiting, environment.Name, waitForApproval));
        }

        return waitForApproval ? new GateVerdict(GateAction.Wait) : new GateVerdict(GateAction.LeaveOpen, waiting);
    }

    private bool HasManualGate(string stage) =>
        environment.Deployment.LifecycleHooks.Any(h => h.Type == LifecycleHookType.Pause && h.Stages.Contains(stage, StringComparer.Ordinal));

    private static string Remaining(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            return "0s";
        }

        return left.TotalHours >= 1 ? $"{(int)left.TotalHours}h{left.Minutes:00}m" : left.TotalMinutes >= 1 ? $"{(int)left.TotalMinutes}m{left.Seconds:00}s" : $"{(int)Math.Ceiling(left.TotalSeconds)}s";
    }
}
