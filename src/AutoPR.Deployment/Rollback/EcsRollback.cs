using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Verification;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Rollback;

/// <summary>
/// Rolls a service back. Automated (after a failed deployment or verification): StopServiceDeployment with ROLLBACK
/// while a deployment is in progress (instant traffic shift back for blue/green), otherwise redeploy the last
/// verified revision from the history; then wait and verify. Manual: to the previous verified deployment, to a
/// revision number, or to the newest revision running an image (digest or tag). Every rollback is recorded.
/// </summary>
public sealed class EcsRollback
{
    private readonly EcsClient _ecs;
    private readonly EcsDeployer _deployer;
    private readonly DeploymentContext _context;
    private readonly DeploymentHistory _history;
    private readonly Verifier? _verifier;
    private readonly EcsRollbackOptions _options;
    private readonly RollbackTargetResolver _targets;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the rollback of the context's environment, whose history it needs; without <paramref name="verifier"/>
    /// rollbacks are not verified; <paramref name="ecr"/> resolves image tags.
    /// </summary>
    public EcsRollback(EcsClient ecs, EcsDeployer deployer, DeploymentContext context, Verifier? verifier = null, EcrClient? ecr = null, EcsRollbackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(deployer);
        ArgumentNullException.ThrowIfNull(context);
        _ecs = ecs;
        _deployer = deployer;
        _context = context;
        _history = context.Recorder.History ?? throw new ArgumentException("a rollback needs the environment's history (where the last verified deployment is)", nameof(context));
        _verifier = verifier;
        _options = options ?? new EcsRollbackOptions();
        _targets = new RollbackTargetResolver(ecs, ecr, context, _history, _options.MaxRevisionsSearched);
        _logger = context.Logger("Rollback");
    }

    private TimeProvider Time => _context.Time;

    /// <summary>The automated rollback after a failure (no approval needed: the failed deployment had it).</summary>
    public async Task<RollbackResult> RollBackAfterFailureAsync(AutoRollbackRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(request.Actor, request.Cause, Time.GetUtcNow(), progress);
        using var environmentLock = _context.Lock(request.Actor);
        var service = await RequireServiceAsync(cancellationToken).ConfigureAwait(false);
        var failed = request.FailedTaskDefinitionArn ?? service.TaskDefinition;
        if (await ActiveServiceDeploymentAsync(cancellationToken).ConfigureAwait(false) is { } active)
        {
            return await StopWithRollbackAsync(run, service, active, failed, cancellationToken).ConfigureAwait(false);
        }

        var (family, name) = (_context.Family, _context.Environment.Name);
        var verified = await _history.FindLastVerifiedAsync(family, name, failed, _options.MaxRevisionsSearched, cancellationToken).ConfigureAwait(false)
            ?? throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                $"no verified revision of {family} other than {(failed is null ? "the running one" : TaskDefinitionRegistered.Label(failed))} in the history of {name}; " +
                $"cannot roll back after: {request.Cause}; fix: roll back by hand to a known-good revision (Rollback --to-revision N)");
        return await RedeployAsync(run, service, verified.TaskDefinitionArn, "automated rollback after: " + request.Cause, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A manual rollback; needs confirmation where the environment requires approval.</summary>
    public async Task<RollbackResult> RollBackAsync(RollbackRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Time.GetUtcNow();
        DeploymentGuard.RequireApproval(_context.Environment, request.Confirmed, "roll back");
        using var environmentLock = _context.Lock(request.Actor);
        var service = await RequireServiceAsync(cancellationToken).ConfigureAwait(false);
        var reason = request.Reason ?? $"manual rollback to {request.Target} by {request.Actor}";
        var run = new Run(request.Actor, reason, started, progress);
        var active = await ActiveServiceDeploymentAsync(cancellationToken).ConfigureAwait(false);
        if (request.Target is RollbackTarget.PreviousTarget && active is not null)
        {
            return await StopWithRollbackAsync(run, service, active, service.TaskDefinition, cancellationToken).ConfigureAwait(false);
        }

        var target = await _targets.ResolveAsync(service, request.Target, cancellationToken).ConfigureAwait(false);
        return await RedeployAsync(run, service, target, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The revision a manual rollback would go to (read only), for printing a plan.</summary>
    public async Task<string> ResolveAsync(RollbackTarget target, CancellationToken cancellationToken = default)
    {
        var service = await RequireServiceAsync(cancellationToken).ConfigureAwait(false);
        return await _targets.ResolveAsync(service, target, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RollbackResult> StopWithRollbackAsync(Run run, EcsServiceView service, EcsServiceDeploymentView active, string? failed, CancellationToken cancellationToken)
    {
        // ECS's own account first; without it, the revision the older deployment still runs.
        var direction = await RollbackDirection.ReadAsync(_ecs, active, _logger, cancellationToken).ConfigureAwait(false);
        failed = direction.Leaving ?? failed;
        var expected = direction.Back
            ?? service.Deployments.FirstOrDefault(d => d.Status == "ACTIVE" && !string.Equals(d.TaskDefinition, failed, StringComparison.Ordinal))?.TaskDefinition
            ?? service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY")?.TaskDefinition
            ?? failed ?? string.Empty;
        run.Progress?.Report(new RollbackStarted(Time.GetUtcNow(), RollbackMethod.StopServiceDeployment, failed, expected.Length == 0 ? null : expected, run.Cause));
        if (active.Status is "PENDING" or "IN_PROGRESS")
        {
            try
            {
                await _ecs.StopServiceDeploymentAsync(active.Arn!, "ROLLBACK", cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode is "ConflictException" or "InvalidParameterException")
            {
                // It finished or ECS is already rolling it back between our read and the stop: watch what happens.
                _logger.LogStopConflict(active.Arn!, ex.ErrorMessage);
            }
        }

        var rollout = await _deployer.WatchAsync(new RolloutWatch
        {
            Cluster = _context.Environment.Cluster,
            Service = _context.Environment.Service,
            TaskDefinitionArn = expected,
            ServiceDeploymentArn = active.Arn,
            KnownEventIds = service.Events.Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal),
            IsRollback = true,
            Timeout = _deployer.Options.Timeout,
        }, run.Progress, cancellationToken).ConfigureAwait(false);
        var arrived = rollout.FinalTaskDefinitionArn ?? expected;
        if (arrived.Length > 0)
        {
            // The deployer did not record this rollback (ECS made it); do it here.
            await _context.Recorder.RecordAsync(new RecordRequest
            {
                Kind = DeploymentKind.Rollback,
                TaskDefinitionArn = arrived,
                Actor = run.Actor,
                StartedAt = run.Started,
                Outcome = rollout.Succeeded ? DeploymentOutcome.Deployed : DeploymentOutcome.Failed,
                Reason = rollout.Reason ?? "rollback after: " + run.Cause,
            }, run.Progress, cancellationToken).ConfigureAwait(false);
        }

        var verification = rollout.Succeeded && arrived.Length > 0 ? await VerifyAsync(run, arrived, cancellationToken).ConfigureAwait(false) : null;
        return Result(run, RollbackMethod.StopServiceDeployment, failed, arrived, rollout, verification);
    }

    private async Task<RollbackResult> RedeployAsync(Run run, EcsServiceView service, string target, string reason, CancellationToken cancellationToken)
    {
        var from = service.TaskDefinition;
        if (string.Equals(from, target, StringComparison.Ordinal))
        {
            return Result(run, RollbackMethod.AlreadyRunning, from, target, null, await VerifyAsync(run, target, cancellationToken).ConfigureAwait(false));
        }

        run.Progress?.Report(new RollbackStarted(Time.GetUtcNow(), RollbackMethod.Redeploy, from, target, run.Cause));
        var deployment = await _deployer.DeployRevisionAsync(
            new RevisionDeployRequest { TaskDefinitionArn = target, Actor = run.Actor, Kind = DeploymentKind.Rollback, Reason = reason }, run.Progress, cancellationToken).ConfigureAwait(false);
        var verification = deployment.Succeeded ? await VerifyAsync(run, target, cancellationToken).ConfigureAwait(false) : null;
        return Result(run, RollbackMethod.Redeploy, from, target, deployment.Rollout, verification);
    }

    private RollbackResult Result(Run run, RollbackMethod method, string? from, string? to, RolloutResult? rollout, VerificationReport? verification) => new()
    {
        Environment = _context.Environment.Name,
        Method = method,
        FromTaskDefinitionArn = from,
        ToTaskDefinitionArn = to,
        Rollout = rollout,
        Verification = verification,
        Cause = run.Cause,
        StartedAt = run.Started,
        FinishedAt = Time.GetUtcNow(),
    };

    private async Task<VerificationReport?> VerifyAsync(Run run, string target, CancellationToken cancellationToken) =>
        _verifier is null
            ? null
            : await _verifier.VerifyAsync(
                new VerifyRequest { TaskDefinitionArn = target, BakeWindow = _options.VerificationBakeWindow, Actor = run.Actor, RecordAs = DeploymentKind.Rollback, DeploymentStartedAt = run.Started },
                run.Progress,
                cancellationToken).ConfigureAwait(false);

    private async Task<EcsServiceView> RequireServiceAsync(CancellationToken cancellationToken)
    {
        var environment = _context.Environment;
        var service = await _ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        return service is null || service.Status == "INACTIVE"
            ? throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                $"service {environment.Service} does not exist in cluster {environment.Cluster}: nothing to roll back; fix: deploy first (DeployEcs --environment {environment.Name})")
            : service;
    }

    // The service deployment that is not over (PENDING, IN_PROGRESS or already rolling back), newest first.
    private async Task<EcsServiceDeploymentView?> ActiveServiceDeploymentAsync(CancellationToken cancellationToken)
    {
        await foreach (var deployment in _ecs.ListServiceDeploymentsAsync(_context.Environment.Cluster, _context.Environment.Service, DeploymentGuard.ActiveStatuses, cancellationToken).ConfigureAwait(false))
        {
            return deployment;
        }

        return null;
    }

    /// <summary>Who rolls back, why, since when, and where progress goes: what every step of one rollback shares.</summary>
    private sealed record Run(string Actor, string Cause, DateTimeOffset Started, IProgress<DeploymentEvent>? Progress);
}
