using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Deploys a rendered task and service definition to ECS: plan (read only), safety checks before any mutating
/// call (approval, one deployment per environment), register the revision only when it differs, create or update
/// the service, watch the rollout to its end, record the outcome. A rolled-back or failed rollout is a failure.
/// Interrupting it (cancellation) leaves ECS rolling out; running again resumes watching the same rollout.
/// </summary>
public sealed class EcsDeployer
{
    private static readonly TimeSpan RecordGrace = TimeSpan.FromSeconds(10);
    private readonly EcsClient _ecs;
    private readonly DeploymentContext _context;
    private readonly EcsDeployerOptions _options;
    private readonly DeploymentPlanner _planner;
    private readonly RolloutWatcher _watcher;

    /// <summary>Creates the deployer of the context's environment.</summary>
    public EcsDeployer(EcsClient ecs, DeploymentContext context, EcsDeployerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(context);
        _ecs = ecs;
        _context = context;
        _options = options ?? new EcsDeployerOptions();
        _planner = new DeploymentPlanner(ecs);
        _watcher = new RolloutWatcher(ecs, context, _options);
    }

    /// <summary>The options in use.</summary>
    public EcsDeployerOptions Options => _options;

    /// <summary>The plan only (read-only calls).</summary>
    public Task<DeploymentPlan> PlanAsync(Templates.RenderedDeployment rendered, CancellationToken cancellationToken = default) =>
        _planner.PlanAsync(rendered, cancellationToken);

    /// <summary>
    /// Deploys. Throws <see cref="DeploymentRefusedException"/> (nothing changed) when approval is missing, another
    /// deployment runs, or the environment is locked; AWS errors surface as <see cref="AwsServiceException"/>.
    /// </summary>
    public async Task<DeploymentResult> DeployAsync(DeployRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rendered = request.Rendered;
        var environment = _context.Environment;
        if (!string.Equals(rendered.Environment.Name, environment.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the deployment was rendered for {rendered.Environment.Name}, and this deployer deploys {environment.Name}", nameof(request));
        }

        var started = Now;
        if (!request.DryRun)
        {
            DeploymentGuard.RequireApproval(environment, request.Confirmed);
            if (!rendered.Release.Image.IsPinned)
            {
                throw new ArgumentException($"{rendered.Release.Image} is not pinned by digest, and a deployment runs only pinned images; nothing was changed; fix: push it first (PushEcr)", nameof(request));
            }
        }

        using var environmentLock = request.DryRun ? null : _context.Lock(request.Actor);
        var plan = await _planner.PlanAsync(rendered, cancellationToken).ConfigureAwait(false);
        progress?.Report(new PlanReady(Now, plan));
        var expectedBake = plan.IsNoOp || plan.InProgress.Count > 0 || request.CheckAlarms is not { } checkAlarms
            ? null
            : await checkAlarms(cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
        {
            return Result(DeploymentStatus.DryRun, environment, plan, plan.ReusableTaskDefinitionArn, null, null, started);
        }

        var facts = new TaskDefinitionFacts(rendered.Release.Image.Pinned, rendered.Release.Image.Digest, rendered.Release.GitSha, rendered.Release.Version, rendered.Release.ImageTag);
        var timeout = request.Timeout ?? _options.Timeout;
        if (plan.InProgress.Count > 0)
        {
            var resumable = plan.ReusableTaskDefinitionArn is { } same && !plan.ServiceDiff.HasChanges &&
                plan.InProgress.All(d => string.Equals(d.TaskDefinition, same, StringComparison.Ordinal));
            if (!resumable)
            {
                throw await DeploymentGuard.InProgressAsync(_ecs, environment, plan.InProgress, cancellationToken).ConfigureAwait(false);
            }

            // An interrupted run of the same deployment: watch it to its end instead of starting another.
            var service = plan.Service!;
            var ongoing = plan.InProgress[0];
            progress?.Report(new DeploymentResumed(Now, plan.ReusableTaskDefinitionArn!, service.CurrentServiceDeployment));
            var resume = new RolloutWatch
            {
                Cluster = environment.Cluster,
                Service = environment.Service,
                TaskDefinitionArn = plan.ReusableTaskDefinitionArn!,
                EcsDeploymentId = ongoing.Id,
                ServiceDeploymentArn = service.CurrentServiceDeployment,
                KnownEventIds = EventIds(service),
                Guard = request.Guard,
                Gates = request.Gates,
                Timeout = timeout,
            };
            return await WatchAndRecordAsync(DeploymentKind.Deploy, environment, request.Actor, null, facts, plan, resume, started, progress, cancellationToken).ConfigureAwait(false);
        }

        if (plan.IsNoOp)
        {
            return plan.Service is { } running && running.RunningCount < running.DesiredCount
                ? await SettleAsync(environment, plan, running, timeout, started, progress, cancellationToken).ConfigureAwait(false)
                : Result(DeploymentStatus.Unchanged, environment, plan, plan.ReusableTaskDefinitionArn, null, null, started);
        }

        string arn;
        if (plan.ReusableTaskDefinitionArn is { } reusable)
        {
            arn = reusable;
            progress?.Report(new TaskDefinitionReused(Now, arn));
        }
        else
        {
            var registered = await _ecs.RegisterTaskDefinitionAsync(rendered.RegisterTaskDefinitionRequest(), cancellationToken).ConfigureAwait(false);
            arn = registered.Arn ?? throw new InvalidOperationException("RegisterTaskDefinition answered without a taskDefinitionArn");
            progress?.Report(new TaskDefinitionRegistered(Now, arn));
        }

        if (request.BeforeRollout is { } beforeRollout)
        {
            // Expand first: the new release's migrations run before any of its tasks. A failure stops here, with the
            // service untouched.
            try
            {
                var migrated = await beforeRollout(arn, cancellationToken).ConfigureAwait(false);
                facts = facts with { Schema = migrated?.Schema, Backup = migrated?.Backup };
            }
            catch (Exception ex) when (ex is DeploymentFailedException or DeploymentRefusedException or AwsServiceException)
            {
                await RecordAsync(DeploymentKind.Deploy, arn, facts, request.Actor, started, DeploymentOutcome.Failed,
                    "before the rollout: " + ex.Message, progress, cancellationToken).ConfigureAwait(false);
                throw;
            }
        }

        RolloutWatch watch;
        try
        {
            watch = plan.Service is { } before
                ? await UpdateAsync(environment, plan, before, rendered.UpdateServiceRequest(arn), arn, timeout, progress, cancellationToken).ConfigureAwait(false)
                : await CreateAsync(environment, rendered.CreateServiceRequest(arn), arn, timeout, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            await RecordAsync(DeploymentKind.Deploy, arn, facts, request.Actor, started, DeploymentOutcome.Failed, ex.Message, progress, cancellationToken).ConfigureAwait(false);
            throw;
        }

        // A new service has no users yet and nothing to go back to: Verify judges it once it runs.
        var guard = plan.Service is null ? null : request.Guard;
        return await WatchAndRecordAsync(DeploymentKind.Deploy, environment, request.Actor, null, facts, plan, watch with { Guard = guard, Gates = request.Gates, ExpectedBake = expectedBake }, started, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the service to an already registered revision (a rollback) and watches it. Takes no lock and asks no
    /// approval: its caller does (see Rollback.EcsRollback).
    /// </summary>
    public async Task<DeploymentResult> DeployRevisionAsync(RevisionDeployRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var environment = _context.Environment;
        var started = Now;
        var service = await _ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        if (service is null || service.Status == "INACTIVE")
        {
            throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                $"service {environment.Service} does not exist in cluster {environment.Cluster}; nothing to move to {TaskDefinitionRegistered.Label(request.TaskDefinitionArn)}; fix: deploy first (DeployEcs)");
        }

        var inProgress = service.Deployments.Where(d => d.RolloutState == "IN_PROGRESS").ToList();
        if (inProgress.Count > 0)
        {
            throw await DeploymentGuard.InProgressAsync(_ecs, environment, inProgress, cancellationToken).ConfigureAwait(false);
        }

        var definition = await _ecs.DescribeTaskDefinitionAsync(request.TaskDefinitionArn, cancellationToken).ConfigureAwait(false);
        var facts = TaskDefinitionFacts.From(definition.Json, environment.LoadBalancer.ContainerName);
        if (string.Equals(service.TaskDefinition, request.TaskDefinitionArn, StringComparison.Ordinal))
        {
            return Result(DeploymentStatus.Unchanged, environment, null, request.TaskDefinitionArn, null, null, started);
        }

        var update = new System.Text.Json.Nodes.JsonObject
        {
            ["cluster"] = environment.Cluster,
            ["service"] = environment.Service,
            ["taskDefinition"] = request.TaskDefinitionArn,
        };
        var watch = await UpdateAsync(environment, null, service, update, request.TaskDefinitionArn, request.Timeout ?? _options.Timeout, progress, cancellationToken).ConfigureAwait(false);
        return await WatchAndRecordAsync(request.Kind, environment, request.Actor, request.Reason, facts, null, watch, started, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Watches a rollout (for example one started by StopServiceDeployment) with this deployer's clock and interval.</summary>
    public Task<RolloutResult> WatchAsync(RolloutWatch watch, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default) =>
        _watcher.WatchAsync(watch, progress, cancellationToken);

    private DateTimeOffset Now => _context.Time.GetUtcNow();

    private Task RecordAsync(
        DeploymentKind kind,
        string taskDefinitionArn,
        TaskDefinitionFacts facts,
        string actor,
        DateTimeOffset started,
        DeploymentOutcome outcome,
        string? reason,
        IProgress<DeploymentEvent>? progress,
        CancellationToken cancellationToken) =>
        _context.Recorder.RecordAsync(
            new RecordRequest
            {
                Kind = kind, TaskDefinitionArn = taskDefinitionArn, Facts = facts, Actor = actor, StartedAt = started, Outcome = outcome, Reason = reason,
                Schema = facts.Schema, Backup = facts.Backup,
            },
            progress,
            cancellationToken);

    private async Task<RolloutWatch> CreateAsync(
        DeploymentEnvironment environment, System.Text.Json.Nodes.JsonObject request, string arn, TimeSpan timeout, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        var created = await _ecs.CreateServiceAsync(request, cancellationToken).ConfigureAwait(false);
        progress?.Report(new ServiceCreated(Now, environment.Service, arn));
        return new RolloutWatch
        {
            Cluster = environment.Cluster,
            Service = environment.Service,
            TaskDefinitionArn = arn,
            EcsDeploymentId = PrimaryOf(created, arn)?.Id,
            ServiceDeploymentArn = created.CurrentServiceDeployment,
            Timeout = timeout,
        };
    }

    private async Task<RolloutWatch> UpdateAsync(
        DeploymentEnvironment environment,
        DeploymentPlan? plan,
        EcsServiceView before,
        System.Text.Json.Nodes.JsonObject request,
        string arn,
        TimeSpan timeout,
        IProgress<DeploymentEvent>? progress,
        CancellationToken cancellationToken)
    {
        var updated = await _ecs.UpdateServiceAsync(request, cancellationToken).ConfigureAwait(false);
        progress?.Report(new ServiceUpdated(Now, environment.Service, arn));
        var primaryBefore = before.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        var primaryAfter = PrimaryOf(updated, arn);
        var configurationOnly = plan is { ServiceRunsRendered: true } &&
            string.Equals(primaryAfter?.Id ?? primaryBefore?.Id, primaryBefore?.Id, StringComparison.Ordinal);
        var current = updated.CurrentServiceDeployment;
        return new RolloutWatch
        {
            Cluster = environment.Cluster,
            Service = environment.Service,
            TaskDefinitionArn = arn,
            EcsDeploymentId = primaryAfter?.Id,
            PreviousServiceDeploymentArn = before.CurrentServiceDeployment,
            ServiceDeploymentArn = current is not null && !string.Equals(current, before.CurrentServiceDeployment, StringComparison.Ordinal) ? current : null,
            KnownEventIds = EventIds(before),
            ExpectsNewDeployment = !configurationOnly,
            Timeout = timeout,
        };
    }

    private async Task<DeploymentResult> WatchAndRecordAsync(
        DeploymentKind kind,
        DeploymentEnvironment environment,
        string actor,
        string? reason,
        TaskDefinitionFacts facts,
        DeploymentPlan? plan,
        RolloutWatch watch,
        DateTimeOffset started,
        IProgress<DeploymentEvent>? progress,
        CancellationToken cancellationToken)
    {
        RolloutResult rollout;
        try
        {
            rollout = await _watcher.WatchAsync(watch, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // ECS keeps rolling out; record that this run stopped watching, then let the cancellation through.
            using var grace = new CancellationTokenSource(RecordGrace);
            await RecordAsync(kind, watch.TaskDefinitionArn, facts, actor, started, DeploymentOutcome.Canceled,
                "interrupted while ECS was rolling out; run again to resume watching", progress, grace.Token).ConfigureAwait(false);
            throw;
        }

        var (status, outcome) = rollout.Outcome switch
        {
            RolloutOutcome.Succeeded => (DeploymentStatus.Succeeded, DeploymentOutcome.Deployed),
            RolloutOutcome.RolledBack => (DeploymentStatus.RolledBack, DeploymentOutcome.RolledBack),
            RolloutOutcome.TimedOut => (DeploymentStatus.TimedOut, DeploymentOutcome.TimedOut),
            RolloutOutcome.AwaitingApproval => (DeploymentStatus.AwaitingApproval, DeploymentOutcome.Canceled),
            _ => (DeploymentStatus.Failed, DeploymentOutcome.Failed),
        };
        var recordReason = rollout.Reason ?? reason;
        await RecordAsync(kind, watch.TaskDefinitionArn, facts, actor, started, outcome, recordReason, progress, cancellationToken).ConfigureAwait(false);
        return Result(status, environment, plan, watch.TaskDefinitionArn, rollout, rollout.Reason, started);
    }

    /// <summary>
    /// Nothing to change, but ECS runs fewer tasks than desired (it is replacing failed ones, or LocalEcs restarted):
    /// waits, as `aws ecs wait services-stable` would, so that what follows (Verify) finds the service whole.
    /// </summary>
    private async Task<DeploymentResult> SettleAsync(
        DeploymentEnvironment environment, DeploymentPlan plan, EcsServiceView service, TimeSpan timeout, DateTimeOffset started, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ServiceSettling(Now, environment.Service, service.RunningCount, service.DesiredCount));
        var arn = plan.ReusableTaskDefinitionArn!;
        var settled = await _watcher.WatchAsync(
            new RolloutWatch
            {
                Cluster = environment.Cluster,
                Service = environment.Service,
                TaskDefinitionArn = arn,
                EcsDeploymentId = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY")?.Id,
                PreviousServiceDeploymentArn = service.CurrentServiceDeployment,
                KnownEventIds = EventIds(service),
                ExpectsNewDeployment = false,
                UntilSteadyState = true,
                Timeout = timeout,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        return settled.Outcome switch
        {
            RolloutOutcome.Succeeded => Result(DeploymentStatus.Unchanged, environment, plan, arn, settled, null, started),
            RolloutOutcome.TimedOut => Result(DeploymentStatus.TimedOut, environment, plan, arn, settled, settled.Reason, started),
            _ => Result(DeploymentStatus.Failed, environment, plan, arn, settled, $"{TaskDefinitionRegistered.Label(arn)} already runs, but ECS did not get it back to {service.DesiredCount} tasks: {settled.Reason}", started),
        };
    }

    private DeploymentResult Result(
        DeploymentStatus status, DeploymentEnvironment environment, DeploymentPlan? plan, string? arn, RolloutResult? rollout, string? reason, DateTimeOffset started) => new()
    {
        Status = status,
        Environment = environment.Name,
        Plan = plan,
        TaskDefinitionArn = arn,
        Rollout = rollout,
        Reason = reason,
        StartedAt = started,
        FinishedAt = Now,
    };

    private static EcsDeploymentView? PrimaryOf(EcsServiceView service, string arn) =>
        service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY" && string.Equals(d.TaskDefinition, arn, StringComparison.Ordinal));

    private static HashSet<string> EventIds(EcsServiceView service) =>
        service.Events.Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
