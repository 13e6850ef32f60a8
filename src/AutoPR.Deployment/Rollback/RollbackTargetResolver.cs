using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Images;

namespace AutoPR.Deployment.Rollback;

/// <summary>
/// Finds the revision a <see cref="RollbackTarget"/> names (read only): the previous verified deployment from the
/// history, revision N of the family, or the newest revision running an image (by digest, or by a tag the
/// revisions or the registry know).
/// </summary>
internal sealed class RollbackTargetResolver(EcsClient ecs, EcrClient? ecr, DeploymentContext context, DeploymentHistory history, int maxRevisionsSearched)
{
    /// <summary>The revision <paramref name="target"/> names, given what <paramref name="service"/> runs; refuses (nothing changed) when there is none.</summary>
    public async Task<string> ResolveAsync(EcsServiceView service, RollbackTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(target);
        var environment = context.Environment;
        var family = context.Family;
        switch (target)
        {
            case RollbackTarget.RevisionTarget revision:
                var name = $"{family}:{revision.Revision}";
                EcsTaskDefinitionView definition;
                try
                {
                    definition = await ecs.DescribeTaskDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
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
                var verified = await history.FindLastVerifiedAsync(family, environment.Name, service.TaskDefinition, maxRevisionsSearched, cancellationToken).ConfigureAwait(false);
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
        await foreach (var arn in ecs.ListTaskDefinitionsAsync(familyPrefix: family, status: "ACTIVE", sort: "DESC", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(DeploymentRecord.FamilyOf(arn), family, StringComparison.Ordinal))
            {
                continue;
            }

            if (++searched > maxRevisionsSearched)
            {
                break;
            }

            var definition = await ecs.DescribeTaskDefinitionAsync(arn, cancellationToken).ConfigureAwait(false);
            facts.Add((definition.Arn ?? arn, TaskDefinitionFacts.From(definition.Json, environment.LoadBalancer.ContainerName)));
        }

        var matches = facts.Where(f =>
            (digest is not null && f.Facts.ImageDigest == digest) ||
            (tag is not null && (f.Facts.ImageTag == tag || f.Facts.Image?.EndsWith(":" + tag, StringComparison.Ordinal) == true)))
            .Select(f => f.Arn)
            .ToList();

        // A tag no revision names: ask the registry which digest it points to, and look for that.
        if (matches.Count == 0 && tag is not null && ecr is not null && await ecr.FindDigestOfTagAsync(environment.Ecr.Repository, tag, cancellationToken).ConfigureAwait(false) is { } resolved)
        {
            matches = facts.Where(f => f.Facts.ImageDigest == resolved).Select(f => f.Arn).ToList();
        }

        if (matches.Count == 0)
        {
            throw new DeploymentRefusedException(RefusalReason.NoRollbackTarget,
                $"none of the newest {Math.Min(searched, maxRevisionsSearched)} revisions of {family} runs image {digestOrTag}; nothing was changed; " +
                "fix: pick a revision from the history (History), or deploy that image with DeployEcs");
        }

        if (service.TaskDefinition is { } running && matches.Contains(running, StringComparer.Ordinal))
        {
            return running;
        }

        if (matches.Count > 1)
        {
            var verified = (await history.ReadAsync(family, environment.Name, maxRevisionsSearched, cancellationToken).ConfigureAwait(false))
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
}
