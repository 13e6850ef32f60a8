using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Verification;

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
    private readonly DeploymentHistory _history;
    private readonly Verifier? _verifier;
    private readonly EcrClient? _ecr;
    private readonly EcsRollbackOptions _options;

    /// <summary>Creates the rollback; without <paramref name="verifier"/> rollbacks are not verified; <paramref name="ecr"/> resolves image tags.</summary>
    public EcsRollback(EcsClient ecs, EcsDeployer deployer, DeploymentHistory history, Verifier? verifier = null, EcrClient? ecr = null, EcsRollbackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(deployer);
        ArgumentNullException.ThrowIfNull(history);
        _ecs = ecs;
        _deployer = deployer;
        _history = history;
        _verifier = verifier;
        _ecr = ecr;
        _options = options ?? new EcsRollbackOptions();
    }

    private TimeProvider Time => _deployer.Options.Time;

    /// <summary>The automated rollback after a failure (no approval needed: the failed deployment had it).</summary>
    public async Task<RollbackResult> RollBackAfterFailureAsync(AutoRollbackRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Time.GetUtcNow();
        using var environmentLock = DeploymentGuard.Lock(_deployer.Options, request.Environment.Name, request.Actor);
        var service = await RequireServiceAsync(request.Environment, cancellationToken).ConfigureAwait(false);
        var failed = request.FailedTaskDefinitionArn ?? service.TaskDefinition;
        if (await ActiveServiceDeploymentAsync(request.Environment, cancellationToken).ConfigureAwait(false) is { } active)
        {
            return await StopWithRollbackAsync(request.Environment, service, active, failed, request.Actor, request.Cause, started, progress, cancellationToken).ConfigureAwait(false);
        }

        var family = TemplateValues.Family(request.Environment);
        var verified = await _history.FindLastVerifiedAsync(family, request.Environment.Name, failed, _options.MaxRevisionsSearched, cancellationToken).ConfigureAwait(false)
            ?? throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                $"no verified revision of {family} other than {(failed is null ? "the running one" : TaskDefinitionRegistered.Label(failed))} in the history of {request.Environment.Name}; " +
                $"cannot roll back after: {request.Cause}; fix: roll back by hand to a known-good revision (Rollback --to-revision N)");
        return await RedeployAsync(request.Environment, service, verified.TaskDefinitionArn, request.Actor, "automated rollback after: " + request.Cause, request.Cause, started, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A manual rollback; needs confirmation where the environment requires approval.</summary>
    public async Task<RollbackResult> RollBackAsync(RollbackRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var environment = request.Environment;
        var started = Time.GetUtcNow();
        DeploymentGuard.RequireApproval(environment, request.Confirmed, "roll back");
        using var environmentLock = DeploymentGuard.Lock(_deployer.Options, environment.Name, request.Actor);
        var service = await RequireServiceAsync(environment, cancellationToken).ConfigureAwait(false);
        var reason = request.Reason ?? $"manual rollback to {request.Target} by {request.Actor}";
        var active = await ActiveServiceDeploymentAsync(environment, cancellationToken).ConfigureAwait(false);
        if (request.Target is RollbackTarget.PreviousTarget && active is not null)
        {
            return await StopWithRollbackAsync(environment, service, active, service.TaskDefinition, request.Actor, reason, started, progress, cancellationToken).ConfigureAwait(false);
        }

        var target = await ResolveAsync(environment, service, request.Target, cancellationToken).ConfigureAwait(false);
        return await RedeployAsync(environment, service, target, request.Actor, reason, request.Reason, started, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The revision a manual rollback would go to (read only), for printing a plan.</summary>
    public async Task<string> ResolveAsync(DeploymentEnvironment environment, RollbackTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var service = await RequireServiceAsync(environment, cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(environment, service, target, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ResolveAsync(DeploymentEnvironment environment, EcsServiceView service, RollbackTarget target, CancellationToken cancellationToken)
    {
        var family = TemplateValues.Family(environment);
        switch (target)
        {
            case RollbackTarget.RevisionTarget revision:
                var name = $"{family}:{revision.Revision}";
                EcsTaskDefinitionView definition;
                try
                {
                    definition = await _ecs.DescribeTaskDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException ex) when (ex.ErrorCode is "ClientException" or "InvalidParameterException")
                {
                    throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                        $"task definition {name} does not exist ({ex.ErrorMessage}); nothing was changed; fix: pick a revision from the history (History --environment {environment.Name})");
                }

                if (definition.Status is not (null or "ACTIVE"))
                {
                    throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                        $"task definition {name} is {definition.Status} and cannot run; nothing was changed; fix: pick an ACTIVE revision from the history");
                }

                return definition.Arn!;
            case RollbackTarget.ImageTarget image:
                return await FindImageAsync(environment, service, family, image.DigestOrTag, cancellationToken).ConfigureAwait(false);
            default:
                var verified = await _history.FindLastVerifiedAsync(family, environment.Name, service.TaskDefinition, _options.MaxRevisionsSearched, cancellationToken).ConfigureAwait(false);
                return verified?.TaskDefinitionArn ?? throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                    $"no verified deployment of {environment.Name} other than the running {(service.TaskDefinition is { } t ? TaskDefinitionRegistered.Label(t) : "revision")} in the history; nothing was changed; " +
                    "fix: roll back to a revision (--to-revision N) or an image (--to-image DIGEST)");
        }
    }

    // Revisions running the image, newest first; the running one wins (nothing to do), then the newest verified one.
    private async Task<string> FindImageAsync(DeploymentEnvironment environment, EcsServiceView service, string family, string digestOrTag, CancellationToken cancellationToken)
    {
        var digest = ImageReference.IsDigest(digestOrTag) ? digestOrTag : null;
        var tag = digest is null ? digestOrTag : null;
        var searched = 0;
        var facts = new List<(string Arn, TaskDefinitionFacts Facts)>();
        await foreach (var arn in _ecs.ListTaskDefinitionsAsync(familyPrefix: family, status: "ACTIVE", sort: "DESC", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(DeploymentRecord.FamilyOf(arn), family, StringComparison.Ordinal))
            {
                continue;
            }

            if (++searched > _options.MaxRevisionsSearched)
            {
                break;
            }

            var definition = await _ecs.DescribeTaskDefinitionAsync(arn, cancellationToken).ConfigureAwait(false);
            facts.Add((definition.Arn ?? arn, TaskDefinitionFacts.From(definition.Json, environment.LoadBalancer.ContainerName)));
        }

        var matches = facts.Where(f =>
            (digest is not null && f.Facts.ImageDigest == digest) ||
            (tag is not null && (f.Facts.ImageTag == tag || f.Facts.Image?.EndsWith(":" + tag, StringComparison.Ordinal) == true)))
            .Select(f => f.Arn)
            .ToList();

        // A tag no revision names: ask the registry which digest it points to, and look for that.
        if (matches.Count == 0 && tag is not null && _ecr is not null && await ResolveTagAsync(environment, tag, cancellationToken).ConfigureAwait(false) is { } resolved)
        {
            matches = facts.Where(f => f.Facts.ImageDigest == resolved).Select(f => f.Arn).ToList();
        }

        if (matches.Count == 0)
        {
            throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                $"none of the newest {Math.Min(searched, _options.MaxRevisionsSearched)} revisions of {family} runs image {digestOrTag}; nothing was changed; " +
                "fix: pick a revision from the history (History), or deploy that image with DeployEcs");
        }

        if (service.TaskDefinition is { } running && matches.Contains(running, StringComparer.Ordinal))
        {
            return running;
        }

        if (matches.Count > 1)
        {
            var verified = (await _history.ReadAsync(family, environment.Name, _options.MaxRevisionsSearched, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Outcome == DeploymentOutcome.Verified)
                .Select(r => r.TaskDefinitionArn)
                .ToHashSet(StringComparer.Ordinal);
            if (matches.FirstOrDefault(verified.Contains) is { } good)
            {
                return good;
            }
        }

        return matches[0];
    }

    private async Task<string?> ResolveTagAsync(DeploymentEnvironment environment, string tag, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var detail in _ecr!.DescribeImagesAsync(environment.Ecr.Repository, [EcrImageId.ByTag(tag)], cancellationToken).ConfigureAwait(false))
            {
                return detail.Digest;
            }
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is "ImageNotFoundException" or "RepositoryNotFoundException")
        {
            return null;
        }

        return null;
    }

    private async Task<RollbackResult> StopWithRollbackAsync(
        DeploymentEnvironment environment,
        EcsServiceView service,
        EcsServiceDeploymentView active,
        string? failed,
        string actor,
        string cause,
        DateTimeOffset started,
        IProgress<DeploymentEvent>? progress,
        CancellationToken cancellationToken)
    {
        // ECS's own account first; without it, the revision the older deployment still runs.
        var direction = await RollbackDirection.ReadAsync(_ecs, active, _deployer.Options.Logger, cancellationToken).ConfigureAwait(false);
        failed = direction.Leaving ?? failed;
        var expected = direction.Back
            ?? service.Deployments.FirstOrDefault(d => d.Status == "ACTIVE" && !string.Equals(d.TaskDefinition, failed, StringComparison.Ordinal))?.TaskDefinition
            ?? service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY")?.TaskDefinition
            ?? failed ?? string.Empty;
        progress?.Report(new RollbackStarted(Time.GetUtcNow(), RollbackMethod.StopServiceDeployment, failed, expected.Length == 0 ? null : expected, cause));
        if (active.Status is "PENDING" or "IN_PROGRESS")
        {
            try
            {
                await _ecs.StopServiceDeploymentAsync(active.Arn!, "ROLLBACK", cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode is "ConflictException" or "InvalidParameterException")
            {
                // It finished or ECS is already rolling it back between our read and the stop: watch what happens.
                _deployer.Options.Logger.LogStopConflict(active.Arn!, ex.ErrorMessage);
            }
        }

        var rollout = await _deployer.WatchAsync(new RolloutWatch
        {
            Cluster = environment.Cluster,
            Service = environment.Service,
            TaskDefinitionArn = expected,
            ServiceDeploymentArn = active.Arn,
            KnownEventIds = service.Events.Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal),
            IsRollback = true,
            Timeout = _deployer.Options.Timeout,
        }, progress, cancellationToken).ConfigureAwait(false);
        var arrived = rollout.FinalTaskDefinitionArn ?? expected;
        return await FinishAsync(environment, RollbackMethod.StopServiceDeployment, failed, arrived, rollout, actor, cause, started, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RollbackResult> RedeployAsync(
        DeploymentEnvironment environment,
        EcsServiceView service,
        string target,
        string actor,
        string reason,
        string? cause,
        DateTimeOffset started,
        IProgress<DeploymentEvent>? progress,
        CancellationToken cancellationToken)
    {
        var from = service.TaskDefinition;
        if (string.Equals(from, target, StringComparison.Ordinal))
        {
            return await FinishAsync(environment, RollbackMethod.AlreadyRunning, from, target, null, actor, cause ?? reason, started, progress, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new RollbackStarted(Time.GetUtcNow(), RollbackMethod.Redeploy, from, target, cause ?? reason));
        var deployment = await _deployer.DeployRevisionAsync(new RevisionDeployRequest
        {
            Environment = environment,
            TaskDefinitionArn = target,
            Actor = actor,
            Kind = DeploymentKind.Rollback,
            Reason = reason,
        }, progress, cancellationToken).ConfigureAwait(false);
        var verification = deployment.Succeeded ? await VerifyAsync(environment, target, actor, started, progress, cancellationToken).ConfigureAwait(false) : null;
        return new RollbackResult
        {
            Environment = environment.Name,
            Method = RollbackMethod.Redeploy,
            FromTaskDefinitionArn = from,
            ToTaskDefinitionArn = target,
            Rollout = deployment.Rollout,
            Verification = verification,
            Cause = cause ?? reason,
            StartedAt = started,
            FinishedAt = Time.GetUtcNow(),
        };
    }

    private async Task<RollbackResult> FinishAsync(
        DeploymentEnvironment environment,
        RollbackMethod method,
        string? from,
        string? to,
        RolloutResult? rollout,
        string actor,
        string cause,
        DateTimeOffset started,
        IProgress<DeploymentEvent>? progress,
        CancellationToken cancellationToken)
    {
        if (rollout is not null && to is { Length: > 0 })
        {
            // StopServiceDeployment: the deployer did not record this rollback; do it here.
            var definition = await _ecs.DescribeTaskDefinitionAsync(to, cancellationToken).ConfigureAwait(false);
            var outcome = rollout.Succeeded ? DeploymentOutcome.Deployed : DeploymentOutcome.Failed;
            await _deployer.RecordAsync(DeploymentKind.Rollback, environment, to, TaskDefinitionFacts.From(definition.Json, environment.LoadBalancer.ContainerName),
                actor, started, outcome, rollout.Reason ?? "rollback after: " + cause, progress, cancellationToken).ConfigureAwait(false);
        }

        var verification = (rollout is null || rollout.Succeeded) && to is { Length: > 0 }
            ? await VerifyAsync(environment, to, actor, started, progress, cancellationToken).ConfigureAwait(false)
            : null;
        return new RollbackResult
        {
            Environment = environment.Name,
            Method = method,
            FromTaskDefinitionArn = from,
            ToTaskDefinitionArn = to,
            Rollout = rollout,
            Verification = verification,
            Cause = cause,
            StartedAt = started,
            FinishedAt = Time.GetUtcNow(),
        };
    }

    private async Task<VerificationReport?> VerifyAsync(
        DeploymentEnvironment environment, string target, string actor, DateTimeOffset started, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        if (_verifier is null)
        {
            return null;
        }

        return await _verifier.VerifyAsync(new VerifyRequest
        {
            Environment = environment,
            TaskDefinitionArn = target,
            BakeWindow = _options.VerificationBakeWindow,
            Actor = actor,
            RecordAs = DeploymentKind.Rollback,
            DeploymentStartedAt = started,
        }, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<EcsServiceView> RequireServiceAsync(DeploymentEnvironment environment, CancellationToken cancellationToken)
    {
        var service = await _ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        return service is null || service.Status == "INACTIVE"
            ? throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                $"service {environment.Service} does not exist in cluster {environment.Cluster}: nothing to roll back; fix: deploy first (DeployEcs --environment {environment.Name})")
            : service;
    }

    // The service deployment that is not over (PENDING, IN_PROGRESS or already rolling back), newest first.
    private async Task<EcsServiceDeploymentView?> ActiveServiceDeploymentAsync(DeploymentEnvironment environment, CancellationToken cancellationToken)
    {
        await foreach (var deployment in _ecs.ListServiceDeploymentsAsync(environment.Cluster, environment.Service, DeploymentGuard.ActiveStatuses, cancellationToken).ConfigureAwait(false))
        {
            return deployment;
        }

        return null;
    }
}
