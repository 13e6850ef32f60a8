using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Rollout.Gates;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Follows one ECS rollout until it ends. Polls start at a fixed rate: every <see cref="EcsDeployerOptions.PollInterval"/>,
/// and every <see cref="EcsDeployerOptions.FinishingPollInterval"/> once all new tasks run and only old ones are left
/// to stop, so the end is seen within that interval; with deployment alarms, whose bake holds the end back, every
/// <see cref="EcsDeployerOptions.BakePollInterval"/> until shortly before the bake should end (the guard is still asked
/// every <see cref="EcsDeployerOptions.PollInterval"/>). Each poll is DescribeServices (deployments, counts, events);
/// DescribeServiceDeployments (status, stage, traffic, rollback) is added when DescribeServices shows something new,
/// when it shows the end, during blue/green traffic shifts, and at least every
/// <see cref="EcsDeployerOptions.ServiceDeploymentRefresh"/>. Stopped tasks are described only when the failed count
/// grows. Success means the service deployment SUCCESSFUL (or, without service-deployment APIs, this deployment
/// COMPLETED and PRIMARY); anything rolled back, stopped or failed is a failure, and so is a breach that the
/// watch's <see cref="IRolloutGuard"/> finds while the new tasks serve.
/// </summary>
public sealed class RolloutWatcher(EcsClient ecs, DeploymentContext context, EcsDeployerOptions options)
{
    private const int MissingDeploymentPolls = 10;
    private readonly TimeProvider _time = context.Time;
    private readonly ILogger _logger = context.Logger("Deployer");

    /// <summary>Watches until the rollout ends or <see cref="RolloutWatch.Timeout"/> passes; cancellation leaves ECS as it is.</summary>
    public async Task<RolloutResult> WatchAsync(RolloutWatch watch, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var state = new WatchState(watch);
        var started = _time.GetUtcNow();
        if (!watch.IsRollback)
        {
            watch.Guard?.Begin(watch.TaskDefinitionArn);
        }

        if (state.EcsDeploymentId is null)
        {
            // Stopped tasks cannot be told apart by deployment: the ones already stopped are not this rollout's.
            await foreach (var arn in ecs.ListTasksAsync(watch.Cluster, serviceName: watch.Service, desiredStatus: "STOPPED", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                state.SeenStoppedTasks.Add(arn);
            }
        }
        EcsServiceView? service = null;
        EcsDeploymentView? deployment = null;
        EcsServiceDeploymentView? serviceDeployment = null;
        var nextDescribe = _time.GetUtcNow();
        while (true)
        {
            var tickStarted = _time.GetUtcNow();
            (RolloutOutcome Outcome, string? Reason)? verdict;
            if (service is null || tickStarted >= nextDescribe)
            {
                service = await ecs.DescribeServiceAsync(watch.Cluster, watch.Service, cancellationToken).ConfigureAwait(false);
                if (service is null || service.Status is "INACTIVE" or "DRAINING")
                {
                    return Finish(state, RolloutOutcome.Failed, $"service {watch.Service} {(service is null ? "no longer exists" : "is " + service.Status)}", null, null, progress);
                }

                ReportEvents(state, service, progress);
                deployment = FindDeployment(state, service);
                if (state.ServiceDeploymentArn is null && service.CurrentServiceDeployment is { } current &&
                    !string.Equals(current, watch.PreviousServiceDeploymentArn, StringComparison.Ordinal))
                {
                    state.ServiceDeploymentArn = current;
                }

                serviceDeployment = await RefreshServiceDeploymentAsync(state, service, deployment, cancellationToken).ConfigureAwait(false);
                var failed = Math.Max(deployment?.FailedTasks ?? 0, serviceDeployment?.CircuitBreakerFailureCount ?? 0);
                if (failed > state.FailedSeen)
                {
                    state.FailedSeen = failed;
                    await ReportStoppedTasksAsync(state, progress, cancellationToken).ConfigureAwait(false);
                }

                ReportProgress(state, service, serviceDeployment, deployment, progress);
                verdict = Decide(state, service, deployment, serviceDeployment)
                    ?? await GuardAsync(state, deployment, progress, cancellationToken).ConfigureAwait(false)
                    ?? await GateAsync(state, serviceDeployment, progress, cancellationToken).ConfigureAwait(false);
                nextDescribe = tickStarted + DescribeInterval(state, service, deployment, progress);
            }
            else
            {
                // Between descriptions of the service the guard still judges the new tasks' answers at its own pace.
                verdict = await GuardAsync(state, deployment, progress, cancellationToken).ConfigureAwait(false);
            }

            if (verdict is { } end)
            {
                if (end.Outcome != RolloutOutcome.Succeeded)
                {
                    // The reasons of the last failed tasks, even when the failed count was not visible.
                    await ReportStoppedTasksAsync(state, progress, cancellationToken).ConfigureAwait(false);
                }

                return Finish(state, end.Outcome, end.Reason, serviceDeployment?.Status ?? deployment?.RolloutState, service.TaskDefinition, progress);
            }

            if (state.AtManualGateSince is { } gateSince)
            {
                // Time at a manual gate is the approver's, not the rollout's: ECS's hook timeout bounds it.
                var now = _time.GetUtcNow();
                started += now - gateSince;
                state.AtManualGateSince = now;
            }

            if (_time.GetUtcNow() - started >= watch.Timeout)
            {
                var where = serviceDeployment?.Status ?? deployment?.RolloutState ?? "not started";
                return Finish(state, RolloutOutcome.TimedOut,
                    $"the rollout of {TaskDefinitionRegistered.Label(watch.TaskDefinitionArn)} did not finish within {watch.Timeout.TotalSeconds:0} s (still {where}){StoppedSuffix(state)}",
                    where, service.TaskDefinition, progress);
            }

            var wake = GuardJudges(state, deployment) && tickStarted + options.PollInterval < nextDescribe ? tickStarted + options.PollInterval : nextDescribe;
            var wait = wake - _time.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How long until the service is described again. Every <see cref="EcsDeployerOptions.PollInterval"/> while tasks
    /// start; once all new tasks run, the end is near (ECS only stops old ones) and it is every
    /// <see cref="EcsDeployerOptions.FinishingPollInterval"/>, unless deployment alarms hold the deployment for a bake
    /// after that: then every <see cref="EcsDeployerOptions.BakePollInterval"/>, fast again only around the expected
    /// end of the bake.
    /// </summary>
    private TimeSpan DescribeInterval(WatchState state, EcsServiceView service, EcsDeploymentView? deployment, IProgress<DeploymentEvent>? progress)
    {
        if (!IsFinishing(service, deployment))
        {
            state.BakeSince = null;
            return options.PollInterval;
        }

        if (!Bakes(state, service))
        {
            return options.FinishingPollInterval;
        }

        if (service.Deployments.Count(d => d.Status != "INACTIVE") > 1)
        {
            // Old tasks still stop; the bake starts after them.
            return options.BakePollInterval;
        }

        var now = _time.GetUtcNow();
        if (state.BakeSince is null)
        {
            state.BakeSince = now;
            progress?.Report(new AlarmBakeStarted(now, service.AlarmNames, state.Watch.ExpectedBake));
        }

        if (state.Watch.ExpectedBake is not { } bake)
        {
            return options.BakePollInterval;
        }

        // The bake began up to one slow poll before it was seen: poll fast from one slow poll before its expected end,
        // and for a few slow polls after (ECS's own estimate may differ), then slowly again.
        var expectedEnd = state.BakeSince.Value + bake;
        var untilFast = expectedEnd - options.BakePollInterval - now;
        if (untilFast >= options.PollInterval)
        {
            return untilFast < options.BakePollInterval ? untilFast : options.BakePollInterval;
        }

        return now <= expectedEnd + (3 * options.BakePollInterval) ? options.FinishingPollInterval : options.BakePollInterval;
    }

    /// <summary>A rolling deployment whose new tasks all run: ECS only stops old tasks now (and bakes, with alarms).</summary>
    private static bool IsFinishing(EcsServiceView service, EcsDeploymentView? deployment) =>
        !ShiftsTraffic(service) && deployment is { RolloutState: "IN_PROGRESS", DesiredCount: > 0 } && deployment.RunningCount >= deployment.DesiredCount;

    /// <summary>
    /// Whether ECS holds this deployment for an alarm bake once it is steady: the service watches deployment alarms,
    /// and this is not a rollback (ECS does not watch those).
    /// </summary>
    private static bool Bakes(WatchState state, EcsServiceView service) => !state.Watch.IsRollback && service.AlarmNames.Count > 0;

    /// <summary>Whether the guard judges now: it has a new revision with a running task to judge.</summary>
    private static bool GuardJudges(WatchState state, EcsDeploymentView? deployment) =>
        state.Watch.Guard is not null && !state.Watch.IsRollback && deployment is { RunningCount: > 0, RolloutState: "IN_PROGRESS" };

    /// <summary>BLUE_GREEN, CANARY and LINEAR: stages and traffic show only in DescribeServiceDeployments.</summary>
    private static bool ShiftsTraffic(EcsServiceView service) =>
        service.DeploymentConfiguration?["strategy"]?.ToString() is { } strategy && strategy != "ROLLING";

    /// <summary>Asks the watch's guard about the new revision once it has a running task; a breach fails the rollout.</summary>
    private async Task<(RolloutOutcome Outcome, string? Reason)?> GuardAsync(WatchState state, EcsDeploymentView? deployment, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        if (!GuardJudges(state, deployment))
        {
            return null;
        }

        var guard = state.Watch.Guard!;
        state.GuardSince ??= _time.GetUtcNow();
        var breach = await guard.CheckAsync(state.GuardSince.Value, progress, cancellationToken).ConfigureAwait(false);
        var step = state.Step is { } at ? "at " + at.Name : "while rolling out";
        return breach is null
            ? null
            : (RolloutOutcome.Failed, $"{TaskDefinitionRegistered.Label(state.Watch.TaskDefinitionArn)} failed {step}: {breach}");
    }

    /// <summary>Hands a waiting lifecycle hook to the watch's gates; a failed gate fails the rollout, an open one ends the watch.</summary>
    private async Task<(RolloutOutcome Outcome, string? Reason)?> GateAsync(WatchState state, EcsServiceDeploymentView? serviceDeployment, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        if (state.Watch.Gates is not { } gates || state.Watch.IsRollback || serviceDeployment is not { Status: "IN_PROGRESS", WaitingHook: { } hook })
        {
            state.AtManualGateSince = null;
            return null;
        }

        var verdict = await gates.AtHookAsync(serviceDeployment, hook, state.Watch.TaskDefinitionArn, progress, cancellationToken).ConfigureAwait(false);
        var label = TaskDefinitionRegistered.Label(state.Watch.TaskDefinitionArn);
        switch (verdict.Action)
        {
            case GateAction.Fail:
                return (RolloutOutcome.Failed, $"{label} {verdict.Reason}");
            case GateAction.LeaveOpen:
                return (RolloutOutcome.AwaitingApproval, verdict.Reason);
            case GateAction.Wait:
                state.AtManualGateSince ??= _time.GetUtcNow();
                return null;
            default:
                // Continued: the next DescribeServiceDeployments shows the stage after the gate.
                state.AtManualGateSince = null;
                state.ServiceDeploymentAt = null;
                return null;
        }
    }

    private static (RolloutOutcome Outcome, string? Reason)? Decide(WatchState state, EcsServiceView service, EcsDeploymentView? deployment, EcsServiceDeploymentView? serviceDeployment)
    {
        var target = state.Watch.TaskDefinitionArn;
        var label = TaskDefinitionRegistered.Label(target);
        if (state.Watch.IsRollback)
        {
            return DecideRollback(state, service, deployment, serviceDeployment);
        }

        // Circuit breaker without rollback: our deployment failed and stays PRIMARY. ECS will not recover it.
        if (deployment is { RolloutState: "FAILED", Status: "PRIMARY" })
        {
            return (RolloutOutcome.Failed, $"ECS marked the deployment of {label} FAILED: {deployment.RolloutStateReason ?? "no reason given"}{StoppedSuffix(state)}");
        }

        if (serviceDeployment is not null)
        {
            var reason = serviceDeployment.RollbackReason ?? serviceDeployment.StatusReason ?? deployment?.RolloutStateReason;
            switch (serviceDeployment.Status)
            {
                case "SUCCESSFUL":
                    return string.Equals(service.TaskDefinition, target, StringComparison.Ordinal)
                        ? (RolloutOutcome.Succeeded, null)
                        : (RolloutOutcome.Failed, $"ECS reports the deployment successful, but the service runs {service.TaskDefinition} instead of {target}");
                case "ROLLBACK_SUCCESSFUL":
                    return (RolloutOutcome.RolledBack, $"ECS rolled {label} back: {reason ?? "no reason given"}{StoppedSuffix(state)}");
                case "ROLLBACK_FAILED":
                    return (RolloutOutcome.Failed, $"ECS failed to roll {label} back: {reason ?? "no reason given"}{StoppedSuffix(state)}");
                case "STOPPED":
                    return (RolloutOutcome.Failed, $"the deployment of {label} was stopped: {reason ?? "no reason given"}{StoppedSuffix(state)}");
                default:
                    return null;
            }
        }

        if (deployment is null)
        {
            // Our deployment is gone from the service: something else (a rollback) replaced it.
            if (state.DeploymentSeen && !string.Equals(service.TaskDefinition, target, StringComparison.Ordinal))
            {
                return (RolloutOutcome.RolledBack, $"the service went back to {service.TaskDefinition} instead of {label}{StoppedSuffix(state)}");
            }

            return ++state.MissingPolls >= MissingDeploymentPolls
                ? (RolloutOutcome.Failed, $"no deployment of {label} appeared on service {state.Watch.Service}")
                : null;
        }

        state.DeploymentSeen = true;
        if (deployment.RolloutState == "FAILED")
        {
            // Failed and no longer PRIMARY: ECS is rolling back; done when the PRIMARY one completes.
            var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
            return primary?.RolloutState == "COMPLETED"
                ? (RolloutOutcome.RolledBack, $"ECS rolled {label} back: {deployment.RolloutStateReason ?? "no reason given"}{StoppedSuffix(state)}")
                : null;
        }

        // Without service-deployment data, deployments[] decides.
        // Without a service deployment to follow (no such API, no new deployment, none reported), deployments[] decides.
        var followDeployments = state.ServiceDeploymentUnsupported || !state.Watch.ExpectsNewDeployment || state.ServiceDeploymentArn is null;
        return followDeployments && deployment is { RolloutState: "COMPLETED", Status: "PRIMARY" } && deployment.RunningCount >= deployment.DesiredCount
            && (state.SteadyStateSeen || !state.Watch.UntilSteadyState)
            ? (RolloutOutcome.Succeeded, null)
            : null;
    }

    private static (RolloutOutcome Outcome, string? Reason)? DecideRollback(WatchState state, EcsServiceView service, EcsDeploymentView? deployment, EcsServiceDeploymentView? serviceDeployment)
    {
        var running = service.TaskDefinition is { } t ? TaskDefinitionRegistered.Label(t) : "nothing";
        switch (serviceDeployment?.Status)
        {
            case "ROLLBACK_SUCCESSFUL":
                return (RolloutOutcome.Succeeded, null);
            case "ROLLBACK_FAILED":
                return (RolloutOutcome.Failed, $"the rollback failed: {serviceDeployment.StatusReason ?? serviceDeployment.RollbackReason ?? "no reason given"} (service runs {running})");
            case "SUCCESSFUL":
                return (RolloutOutcome.Failed, $"the deployment completed before the rollback took effect; the service runs {running}");
            case "STOPPED":
                return (RolloutOutcome.Failed, $"the deployment was stopped without a rollback: {serviceDeployment.StatusReason ?? "no reason given"} (service runs {running})");
            case not null:
                return null;
        }

        // No service-deployment data: the target revision PRIMARY and COMPLETED is the end.
        return deployment is { Status: "PRIMARY", RolloutState: "COMPLETED" } && deployment.RunningCount >= deployment.DesiredCount
            ? (RolloutOutcome.Succeeded, null)
            : null;
    }

    private static EcsDeploymentView? FindDeployment(WatchState state, EcsServiceView service)
    {
        var deployments = service.Deployments;
        if (state.EcsDeploymentId is { } id)
        {
            return deployments.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
        }

        var match = deployments
            .Where(d => string.Equals(d.TaskDefinition, state.Watch.TaskDefinitionArn, StringComparison.Ordinal))
            .OrderBy(d => d.Status == "PRIMARY" ? 0 : 1)
            .FirstOrDefault();
        state.EcsDeploymentId = match?.Id;
        return match;
    }

    /// <summary>
    /// The service deployment, described again only when it may have moved: DescribeServices shows something new or
    /// the end, blue/green (traffic and stages show only there), or the last answer is older than the refresh.
    /// </summary>
    private async Task<EcsServiceDeploymentView?> RefreshServiceDeploymentAsync(WatchState state, EcsServiceView service, EcsDeploymentView? deployment, CancellationToken cancellationToken)
    {
        if (state.ServiceDeploymentArn is not { } arn || state.ServiceDeploymentUnsupported)
        {
            return null;
        }

        var fingerprint = Fingerprint(service);
        // A single deployment left is the end, unless alarms hold it for a bake: then its rollout state shows the end.
        var showsEnd = deployment is { Status: "PRIMARY", RolloutState: not "IN_PROGRESS" } || (service.Deployments.Count == 1 && !Bakes(state, service));
        var stale = state.ServiceDeploymentAt is not { } at || _time.GetUtcNow() - at >= options.ServiceDeploymentRefresh;
        if (state.ServiceDeployment is { } known && string.Equals(fingerprint, state.Fingerprint, StringComparison.Ordinal) && !showsEnd && !stale && !ShiftsTraffic(service))
        {
            return known;
        }

        state.Fingerprint = fingerprint;
        state.ServiceDeploymentAt = _time.GetUtcNow();
        try
        {
            var result = await ecs.DescribeServiceDeploymentsAsync([arn], cancellationToken).ConfigureAwait(false);
            return state.ServiceDeployment = result.Items.Count > 0 ? result.Items[0] : null;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is "UnknownOperationException" or "InvalidAction" or "UnsupportedOperation" or "NotImplemented")
        {
            // An endpoint without the service-deployment APIs (moto): deployments[] is enough to decide.
            _logger.LogInformation("DescribeServiceDeployments is not available ({Code}); following deployments[] only", ex.ErrorCode);
            state.ServiceDeploymentUnsupported = true;
            return null;
        }
    }

    /// <summary>What in DescribeServices changes when the rollout moves: deployments, their counts, the newest event.</summary>
    private static string Fingerprint(EcsServiceView service) =>
        string.Join(';', service.Deployments.Select(d => $"{d.Id}/{d.Status}/{d.RolloutState}/{d.RunningCount}/{d.PendingCount}/{d.DesiredCount}/{d.FailedTasks}"))
        + "|" + service.TaskDefinition + "|" + (service.Events.Count > 0 ? service.Events[0].Id : null);

    private void ReportEvents(WatchState state, EcsServiceView service, IProgress<DeploymentEvent>? progress)
    {
        // ECS lists the newest first; report the unseen ones oldest first.
        foreach (var serviceEvent in service.Events.Where(e => e.Id is not null).Reverse())
        {
            if (state.SeenEvents.Add(serviceEvent.Id!))
            {
                state.SteadyStateSeen |= serviceEvent.Message?.EndsWith("has reached a steady state.", StringComparison.Ordinal) == true;
                progress?.Report(new ServiceEventObserved(_time.GetUtcNow(), serviceEvent));
            }
        }
    }

    private void ReportProgress(WatchState state, EcsServiceView service, EcsServiceDeploymentView? serviceDeployment, EcsDeploymentView? deployment, IProgress<DeploymentEvent>? progress)
    {
        var shifting = serviceDeployment?.Strategy is { } strategy && strategy != "ROLLING";
        var targetWeight = shifting ? serviceDeployment?.TargetServiceRevision?.RequestedProductionTrafficWeight : null;
        state.Step = shifting && !state.Watch.IsRollback ? StepOf(state, serviceDeployment!, targetWeight) : null;
        var revisions = service.Deployments
            .Where(d => d.Status != "INACTIVE" && d.TaskDefinition is not null)
            .Select(d =>
            {
                var isTarget = string.Equals(d.TaskDefinition, state.Watch.TaskDefinitionArn, StringComparison.Ordinal);
                // In a rollback the service deployment's target is the revision being left.
                var carriesTargetWeight = state.Watch.IsRollback ? !isTarget : isTarget;
                var traffic = targetWeight is { } weight ? (carriesTargetWeight ? weight : 100 - weight) : (double?)null;
                return new RevisionProgress(d.TaskDefinition!, isTarget, d.RunningCount, d.DesiredCount, d.PendingCount, d.FailedTasks, traffic) { IsRollback = state.Watch.IsRollback };
            })
            .OrderBy(r => r.IsTarget ? 0 : 1)
            .ToList();
        var status = serviceDeployment?.Status ?? deployment?.RolloutState;
        var snapshot = new RolloutProgressed(_time.GetUtcNow(), status, serviceDeployment?.LifecycleStage, revisions) { Step = state.Step };
        if (!string.Equals(snapshot.Message, state.LastProgress, StringComparison.Ordinal))
        {
            state.LastProgress = snapshot.Message;
            progress?.Report(snapshot);
        }

        if (!state.RollbackReported && !state.Watch.IsRollback && serviceDeployment?.Status is "ROLLBACK_REQUESTED" or "ROLLBACK_IN_PROGRESS")
        {
            state.RollbackReported = true;
            progress?.Report(new RollbackObserved(_time.GetUtcNow(), serviceDeployment.RollbackReason ?? serviceDeployment.StatusReason ?? "no reason given"));
        }
    }

    /// <summary>The traffic step, timed from when this watch first saw its stage and weight.</summary>
    private TrafficStep? StepOf(WatchState state, EcsServiceDeploymentView serviceDeployment, double? targetWeight)
    {
        var key = $"{serviceDeployment.LifecycleStage}/{targetWeight}";
        if (!string.Equals(key, state.StepKey, StringComparison.Ordinal))
        {
            state.StepKey = key;
            state.StepSince = _time.GetUtcNow();
        }

        return TrafficStep.Of(serviceDeployment, TaskDefinitionRegistered.Label(state.Watch.TaskDefinitionArn), state.StepSince, _time.GetUtcNow());
    }

    private async Task ReportStoppedTasksAsync(WatchState state, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        var fresh = new List<string>();
        await foreach (var arn in ecs.ListTasksAsync(state.Watch.Cluster, serviceName: state.Watch.Service, desiredStatus: "STOPPED", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (state.SeenStoppedTasks.Add(arn))
            {
                fresh.Add(arn);
            }
        }

        if (fresh.Count == 0)
        {
            return;
        }

        var described = await ecs.DescribeTasksAsync(state.Watch.Cluster, fresh, cancellationToken).ConfigureAwait(false);
        foreach (var task in described.Items.OrderBy(t => t.StoppedAt ?? DateTimeOffset.MaxValue))
        {
            var ours = state.EcsDeploymentId is { } id && task.StartedBy is not null
                ? string.Equals(task.StartedBy, id, StringComparison.Ordinal)
                : string.Equals(task.TaskDefinitionArn, state.Watch.TaskDefinitionArn, StringComparison.Ordinal);
            if (ours)
            {
                var stopped = StoppedTask.From(task);
                state.StoppedTasks.Add(stopped);
                progress?.Report(new TaskStopped(_time.GetUtcNow(), stopped));
            }
        }
    }

    private RolloutResult Finish(WatchState state, RolloutOutcome outcome, string? reason, string? status, string? finalTaskDefinition, IProgress<DeploymentEvent>? progress)
    {
        var result = new RolloutResult
        {
            Outcome = outcome,
            Reason = reason,
            ServiceDeploymentArn = state.ServiceDeploymentArn,
            Status = status,
            FinalTaskDefinitionArn = finalTaskDefinition,
            IsRollback = state.Watch.IsRollback,
            StoppedTasks = [.. state.StoppedTasks],
            FinishedAt = _time.GetUtcNow(),
        };
        progress?.Report(new RolloutFinished(result.FinishedAt, result));
        return result;
    }

    /// <summary>
    /// The last task that stopped on its own (a crash, a failed health check): the scheduler's own stops (a rollback
    /// stopping the new revision's pending tasks) say nothing about why the release failed.
    /// </summary>
    private static string StoppedSuffix(WatchState state) =>
        (state.StoppedTasks.LastOrDefault(t => t.StopCode != "ServiceSchedulerInitiated") ?? state.StoppedTasks.LastOrDefault()) is { } task
            ? $" (last stopped task: {task.Reason})"
            : string.Empty;

    private sealed class WatchState(RolloutWatch watch)
    {
        public RolloutWatch Watch { get; } = watch;

        public string? EcsDeploymentId { get; set; } = watch.EcsDeploymentId;

        public string? ServiceDeploymentArn { get; set; } = watch.ServiceDeploymentArn;

        public bool ServiceDeploymentUnsupported { get; set; }

        public HashSet<string> SeenEvents { get; } = new(watch.KnownEventIds, StringComparer.Ordinal);

        public HashSet<string> SeenStoppedTasks { get; } = new(StringComparer.Ordinal);

        public List<StoppedTask> StoppedTasks { get; } = [];

        public int FailedSeen { get; set; }

        public int MissingPolls { get; set; }

        public bool DeploymentSeen { get; set; }

        public bool RollbackReported { get; set; }

        public EcsServiceDeploymentView? ServiceDeployment { get; set; }

        public DateTimeOffset? ServiceDeploymentAt { get; set; }

        public string? Fingerprint { get; set; }

        public DateTimeOffset? GuardSince { get; set; }

        public string? LastProgress { get; set; }

        public TrafficStep? Step { get; set; }

        public string? StepKey { get; set; }

        public DateTimeOffset StepSince { get; set; }

        public DateTimeOffset? AtManualGateSince { get; set; }

        public DateTimeOffset? BakeSince { get; set; }

        public bool SteadyStateSeen { get; set; }
    }
}
