using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Images;
using AutoPR.Images.Push;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Publishing;

/// <summary>
/// Build once, deploy many: copies the image another environment verified into this environment's repository by
/// digest (BatchGetImage + PutImage: no pull, no push). Refuses an image the source has not verified unless forced.
/// A dry run reads only and says what it would copy.
/// </summary>
internal sealed class ImagePromoter(DeploymentEnvironment target, EcrClient targetEcr, bool dryRun, ILogger logger)
{
    public async Task<PushOutcome> PromoteAsync(Source source, bool force, CancellationToken cancellationToken)
    {
        var from = source.Environment;
        if (from.Name == target.Name)
        {
            throw new InvalidOperationException("--from and --environment name the same environment; promote from another one.");
        }

        var verified = await source.History.FindLastVerifiedAsync(source.Family, from.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        var running = (await source.Ecs.DescribeServiceAsync(from.Cluster, from.Service, cancellationToken).ConfigureAwait(false))?.TaskDefinition;
        var digest = verified?.ImageDigest;
        if (digest is null || (running is not null && verified!.TaskDefinitionArn != running && !force))
        {
            if (!force || running is null)
            {
                throw new InvalidOperationException(verified is null
                    ? $"{from.Name} has no verified deployment to promote; run ./build.sh Verify --environment {from.Name}, or pass --force."
                    : $"{from.Name} runs {running}, not its last verified revision {verified.TaskDefinitionArn}; verify it first, or pass --force.");
            }

            var task = await source.Ecs.DescribeTaskDefinitionAsync(running, cancellationToken).ConfigureAwait(false);
            digest = ImageReference.DigestOf(task.ContainerImages.Values.FirstOrDefault())
                ?? throw new InvalidOperationException($"{running} does not pin its image by digest; nothing to promote.");
            logger.LogWarning("--force: promoting {Digest}, which {Environment} has not verified", digest, from.Name);
        }

        var found = await source.Ecr.BatchGetImageAsync(from.Ecr.Repository, [EcrImageId.ByDigest(digest)], cancellationToken: cancellationToken).ConfigureAwait(false);
        var image = (found.Images.Count > 0 ? found.Images[0] : null)
            ?? throw new InvalidOperationException($"{digest} is not in {from.Name}'s repository {from.Ecr.Repository}.");
        var pinned = new ImageReference(target.Ecr.RegistryHost(target.Aws), target.Ecr.Repository, digest);
        var promoted = pinned.WithTag(verified?.GitSha ?? pinned.DigestTag);
        var record = new ImagePushRecord(target.Name, promoted, verified?.GitSha ?? promoted.Tag!);
        if (dryRun)
        {
            return new PushOutcome(record, Pushed: false, $"dry run: would copy {digest} from {from.Name} to {promoted.Tagged}; nothing was copied");
        }

        await targetEcr.EnsureRepositoryAsync(target.Ecr.Repository, target.Ecr.ToRepositorySettings(), target.Tags, cancellationToken).ConfigureAwait(false);
        try
        {
            await targetEcr.PutImageAsync(target.Ecr.Repository, image.Manifest!, image.ManifestMediaType, promoted.Tag, digest, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ImageAlreadyExistsException")
        {
            return new PushOutcome(record, Pushed: false, $"{promoted.Tagged} already holds {digest}");
        }

        return new PushOutcome(record, Pushed: true, $"promoted {digest} from {from.Name} to {target.Name}");
    }

    /// <summary>The environment promoted from, read only.</summary>
    public sealed record Source(DeploymentEnvironment Environment, EcsClient Ecs, EcrClient Ecr, DeploymentHistory History, string Family);
}
