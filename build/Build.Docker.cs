using AutoPR.Build;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Images.BaseImages;
using AutoPR.Images.Build;
using AutoPR.Images.Engine;
using Serilog;

namespace AutoPR.BuildDefinition;

/// <summary>DockerBuild and PushEcr: the service image, built once per revision and pushed by digest.</summary>
internal sealed partial class Build
{
    [Parameter("Base image of the service image (default: autopr/runtime-deps:bookworm, made on this machine with debootstrap)")]
    public string? BaseImage { get; set; }

    static AbsolutePath ImageRecordFile => ArtifactsDirectory / "docker" / "image.json";

    DockerEndpoints? _docker;

    /// <summary>A reachable engine (and, for the local environment, its registry): found, started or installed.</summary>
    async Task<DockerEndpoints> DockerAsync(CancellationToken cancellationToken) =>
        _docker ??= await new DockerEnvironment(
            new DockerEnvironmentOptions { RegistryAddress = IsLocalEnvironment ? EnvironmentFile!.Ecr.Registry : null },
            LibraryLogger("Docker")).EnsureAsync(cancellationToken);

    Target DockerBuild => _ => _
        .Description("Publishes the service and builds its image, tagged with the git revision; skipped when that image exists.")
        .OnlyWhenStatic(() => !IsPromotion)
        // A drift check renders the image that runs: nothing to build or push.
        .OnlyWhenStatic(() => !FailOnDrift)
        .Executes(async ct =>
        {
            var docker = await DockerAsync(ct);
            var baseImage = BaseImage;
            if (baseImage is null)
            {
                var made = await new BaseImage(docker, logger: LibraryLogger("BaseImage"))
                    .EnsureAsync(new Progress<string>(line => Log.Information("{Line}", line)), ct);
                baseImage = made.ImageName;
            }

            var record = await new ImageBuilder(docker, LibraryLogger("ImageBuilder")).BuildAsync(
                new ImageBuildRequest
                {
                    RepositoryRoot = RootDirectory,
                    Repository = EnvironmentFile?.Ecr.Repository ?? "autopr",
                    BaseImage = baseImage,
                    RecordPath = ImageRecordFile,
                },
                new SynchronousProgress<ImageBuildProgress>(p => Log.Information("[{Stage}] {Message}", p.Stage, p.Message)),
                ct);

            Log.Information("Image {Reference} ({Id})", record.Reference, record.ImageId);
            if (record.Skipped)
            {
                throw new TargetSkippedException(record.SkipReason ?? $"{record.Reference} is already built");
            }
        });

    Target PushEcr => _ => _
        .Description("Pushes the image to the environment's registry (ECR, or the local registry) and records its digest; under --dry-run says what it would push and which digest the deployment would use.")
        .DependsOn(DockerBuild, LocalUp)
        .OnlyWhenStatic(() => !IsPromotion)
        .OnlyWhenStatic(() => !FailOnDrift)
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Executes(async ct =>
        {
            var image = await ImageBuildRecord.ReadAsync(ImageRecordFile, ct);
            var deployments = await DeploymentsAsync(ct);
            var docker = await DockerAsync(ct);
            var outcome = await PushProgressReporter.RunAsync(progress => deployments.PushAsync(image, docker, progress, ct));
            await RecordPushAsync(outcome, ct);
        });
}
