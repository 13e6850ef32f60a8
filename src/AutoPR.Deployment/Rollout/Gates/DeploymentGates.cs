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
public sealed class DeploymentGates(
    EcsClient ecs, DeploymentEnvironment environment, SmokeChecks? smokeChecks, string? expectedGitRevision, bool waitForApproval, TimeProvider time, IRolloutGuard? guard = null)
    : IDeploymentGates
{
    /// <summary>The longest the test-traffic gate waits, after the smoke checks, for the probes' verdict on every route.</summary>
    public static readonly TimeSpan VerdictWait = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DateTimeOffset> _smokeChecked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _continued = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<GateVerdict> AtHookAsync(EcsServiceDeploymentView deployment, EcsLifecycleHookDetail hook, string taskDefinitionArn, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(hook);
        var stage = deployment.LifecycleStage ?? "an unknown stage";
        var hookId = hook.HookId ?? string.Empty;
        if (stage == TrafficShiftValues.SmokeCheckStage && smokeChecks is not null && expectedGitRevision is not null)
        {
            if (!_smokeChecked.TryGetValue(hookId, out var passedAt))
            {
                progress?.Report(new SmokeChecksStarted(time.GetUtcNow(), environment.SmokeCheckUrl!, smokeChecks.Requests(expectedGitRevision).Count * SmokeChecks.Repeats));
                var failure = await smokeChecks.RunAsync(taskDefinitionArn, expectedGitRevision, cancellationToken).ConfigureAwait(false);
                progress?.Report(new SmokeChecksFinished(time.GetUtcNow(), failure, guard is not null));
                if (failure is not null)
                {
                    return new GateVerdict(GateAction.Fail, $"failed the smoke checks at {stage}, before any production traffic: {failure}");
                }

                _smokeChecked[hookId] = passedAt = time.GetUtcNow();
            }

            // The probes reach the new revision on the test listener too: production traffic waits for their verdict
            // on every route (the guard fails the watch on a breach first), within a bound.
            var judged = guard is null || guard.HasJudgedEveryRoute() || time.GetUtcNow() - passedAt >= VerdictWait;
            if (!judged)
            {
                return new GateVerdict(GateAction.Wait);
            }

            if (!HasManualGate(stage))
            {
                // Continued once: ECS moves on at its own pace, and the hook may still show as waiting meanwhile.
                if (_continued.Add(hookId))
                {
                    await ecs.ContinueServiceDeploymentAsync(deployment.Arn!, hookId, "CONTINUE", cancellationToken).ConfigureAwait(false);
                }

                return new GateVerdict(GateAction.Continued);
            }
        }

        var expires = hook.ExpiresAt is { } at ? $" (expires in {Remaining(at - time.GetUtcNow())}, then {hook.TimeoutAction ?? "ROLLBACK"})" : string.Empty;
        // ECS reports a PRE_PRODUCTION_TRAFFIC_SHIFT hook (before every production step) under PRODUCTION_TRAFFIC_SHIFT.
        var where = stage == "PRODUCTION_TRAFFIC_SHIFT" ? "PRE_PRODUCTION_TRAFFIC_SHIFT (before the next production traffic step)" : stage;
        var waiting = $"waiting for approval at {where}{expires}";
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
