using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Environments;
using AutoPR.Images.Build;
using AutoPR.Images.Engine;
using AutoPR.Images.Push;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Publishing;

/// <summary>
/// Puts a built image into an environment's repository: creates the repository when missing, pushes with an ECR
/// token, and returns the pinned image. A dry run changes nothing (no repository, no push, no tag) and still finds
/// the digest the deployment would use when the image is already there: the engine's record of an earlier push to
/// that repository, or the repository's own tag (DescribeImages). Without either, the image is known by tag only.
/// </summary>
internal sealed class EcrImagePublisher(DeploymentEnvironment environment, EcrClient ecr, bool dryRun, ILogger logger)
{
    public async Task<PushOutcome> PushAsync(ImageBuildRecord image, DockerEndpoints docker, IProgress<ImagePushProgress>? progress, CancellationToken cancellationToken)
    {
        var request = new ImagePushRequest
        {
            SourceImage = image.Reference,
            Registry = environment.Ecr.RegistryHost(environment.Aws),
            Repository = environment.Ecr.Repository,
            Tag = image.Tag,
            ImmutableTags = environment.Ecr.ImageTagMutability == "IMMUTABLE",
        };
        var pusher = new ImagePusher(docker, logger);
        if (dryRun)
        {
            var known = await pusher.FindPushedDigestAsync(request, cancellationToken).ConfigureAwait(false)
                ?? await ecr.FindDigestOfTagAsync(environment.Ecr.Repository, request.Tag, cancellationToken).ConfigureAwait(false);
            var target = known is null ? request.Target : request.Target.WithDigest(known);
            var summary = known is null
                ? $"dry run: would push {image.Reference} as {target}; its digest exists only once it is pushed, so the plan shows it by tag"
                : $"dry run: would push {image.Reference} as {target.Tagged}, which resolves to {known}; nothing was pushed";
            return new PushOutcome(new ImagePushRecord(environment.Name, target, image.Commit), Pushed: false, summary);
        }

        await ecr.EnsureRepositoryAsync(environment.Ecr.Repository, environment.Ecr.ToRepositorySettings(), environment.Tags, cancellationToken).ConfigureAwait(false);
        var authorization = await ecr.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        var result = await pusher.PushAsync(
            request with { Credentials = new RegistryCredentials(authorization.Username, authorization.Password) },
            progress,
            cancellationToken).ConfigureAwait(false);
        var record = new ImagePushRecord(environment.Name, result.Image, image.Commit);
        return new PushOutcome(record, Pushed: !result.Skipped, result.SkipReason ?? $"pushed {result.Image}");
    }
}
