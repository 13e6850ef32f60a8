using AutoPR.Build;
using AutoPR.BuildDefinition.Deployment;
using AutoPR.BuildDefinition.Records;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Templates;
using Serilog;

namespace AutoPR.BuildDefinition;

/// <summary>Promote: build once, deploy many; the image another environment verified is copied by digest.</summary>
internal sealed partial class Build
{
    [Parameter("Promote: the environment whose verified image is copied to --environment", AllowedValuesFrom = nameof(EnvironmentNames))]
    public string? From { get; set; }

    [Parameter("Promote: copy the image even when it was not verified in the source environment")]
    public bool Force { get; set; }

    bool IsPromotion => From is not null;

    Target Promote => _ => _
        .Description("Copies the image verified in --from to --environment's repository by digest (BatchGetImage + PutImage: no pull, no push).")
        .Requires(() => Environment)
        .Requires(() => SelectedEnvironment)
        .Requires(() => From)
        .Executes(async ct =>
        {
            var target = SelectedEnvironment!;
            var source = EnvironmentLoader.Load(EnvironmentsDirectory, From!);
            if (source.Name == target.Name)
            {
                throw new InvalidOperationException("--from and --environment name the same environment; promote from another one.");
            }

            using var sourceSession = await DeploymentSession.CreateAsync(source, DeploymentStateDirectory, DeployTimeout, LibraryLogger, ct);
            var verified = await sourceSession.History.FindLastVerifiedAsync(sourceSession.Family, source.Name, cancellationToken: ct);
            var running = (await sourceSession.Clients.Ecs.DescribeServiceAsync(source.Cluster, source.Service, ct))?.TaskDefinition;
            var digest = verified?.ImageDigest;
            if (digest is null || (running is not null && verified!.TaskDefinitionArn != running && !Force))
            {
                if (!Force || running is null)
                {
                    throw new InvalidOperationException(verified is null
                        ? $"{source.Name} has no verified deployment to promote; run ./build.sh Verify --environment {source.Name}, or pass --force."
                        : $"{source.Name} runs {running}, not its last verified revision {verified.TaskDefinitionArn}; verify it first, or pass --force.");
                }

                var task = await sourceSession.Clients.Ecs.DescribeTaskDefinitionAsync(running, ct);
                digest = ImageReference.DigestOf(task.ContainerImages.Values.FirstOrDefault())
                    ?? throw new InvalidOperationException($"{running} does not pin its image by digest; nothing to promote.");
                Log.Warning("--force: promoting {Digest}, which {Environment} has not verified", digest, source.Name);
            }

            var found = await sourceSession.Clients.Ecr.BatchGetImageAsync(source.Ecr.Repository, [EcrImageId.ByDigest(digest)], cancellationToken: ct);
            var image = (found.Images.Count > 0 ? found.Images[0] : null)
                ?? throw new InvalidOperationException($"{digest} is not in {source.Name}'s repository {source.Ecr.Repository}.");
            var session = await SessionAsync(ct);
            var tag = verified?.GitSha ?? digest["sha256:".Length..][..12];
            await session.Clients.Ecr.EnsureRepositoryAsync(target.Ecr.Repository, target.Ecr.ToRepositorySettings(), target.Tags, ct);
            try
            {
                await session.Clients.Ecr.PutImageAsync(target.Ecr.Repository, image.Manifest!, image.ManifestMediaType, tag, digest, ct);
            }
            catch (AutoPR.Deployment.Aws.AwsServiceException e) when (e.ErrorCode == "ImageAlreadyExistsException")
            {
                Log.Information("{Repository}:{Tag} already holds {Digest}", target.Ecr.Repository, tag, digest);
            }

            var registry = target.Ecr.RegistryHost(target.Aws);
            await PushRecord.WriteAsync(
                PushRecordFile(target.Name),
                new PushRecord(target.Name, $"{registry}/{target.Ecr.Repository}:{tag}", $"{registry}/{target.Ecr.Repository}@{digest}", digest, tag, verified?.GitSha ?? tag),
                ct);
            Log.Information("Promoted {Digest} from {Source} to {Target}", digest, source.Name, target.Name);
        });
}
