using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoPR.Images.BaseImages;
using AutoPR.Images.Engine;
using AutoPR.Images.Host;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Images.Build;

/// <summary>
/// Builds the service image through the Engine API: reads the git revision, skips when an image
/// with the same inputs exists, publishes the service, sends the .dockerignore-filtered context,
/// streams the daemon's progress, fails with the daemon's message, and records the result.
/// </summary>
public sealed class ImageBuilder
{
    /// <summary>Label holding <see cref="ImageBuildRecord.InputsDigest"/>: an image carrying the same value needs no build.</summary>
    public const string InputsLabel = "org.autopr.build.inputs";

    private static readonly TimeSpan BuildLockTimeout = TimeSpan.FromMinutes(20);
    private readonly DockerEndpoints _endpoints;
    private readonly ILogger _logger;

    public ImageBuilder(DockerEndpoints endpoints, ILogger? logger = null)
    {
        _endpoints = endpoints;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Builds (or finds) the service image for the repository's current revision.</summary>
    public async Task<ImageBuildRecord> BuildAsync(ImageBuildRequest request, IProgress<ImageBuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(request.RepositoryRoot);
        var revision = await SourceRevision.ReadAsync(root, cancellationToken);
        var tag = revision.ImageTag;
        var reference = $"{request.Repository}:{tag}";
        progress?.Report(new ImageBuildProgress(ImageBuildStage.Revision, revision.IsDirty
            ? $"{revision.Commit} with uncommitted changes: tag {tag}"
            : $"{revision.Commit}: tag {tag}"));

        // One build of a repository at a time, across processes (parallel test assemblies, two
        // builds): they share the publish folder, and the second one usually finds the image made.
        using var buildLock = await FileLock.AcquireAsync(
            Path.Combine(root, Path.GetDirectoryName(request.PublishDirectory) ?? "artifacts", ".docker-build.lock"), BuildLockTimeout, _logger, cancellationToken);
        using var client = _endpoints.CreateClient();
        var baseImageId = (await TryInspectAsync(client, request.BaseImage, cancellationToken))?.ID;
        var buildArgs = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["BASE_IMAGE"] = request.BaseImage,
            ["REVISION"] = revision.Commit,
            ["VERSION"] = request.Version ?? $"0.0.0+{revision.Commit[..12]}",
            ["CREATED"] = revision.CommitTime.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["SOURCE"] = request.Source ?? revision.SourceUrl ?? "unknown",
            ["IMAGE_TAG"] = tag,
        };
        var inputsDigest = InputsDigest(request, tag, baseImageId, buildArgs);

        if (!request.Force && await TryInspectAsync(client, reference, cancellationToken) is { } existing
            && existing.Config?.Labels is { } existingLabels
            && existingLabels.TryGetValue(InputsLabel, out var existingInputs) && existingInputs == inputsDigest)
        {
            var reason = $"{reference} already exists with the same inputs (revision, base image, build arguments)";
            progress?.Report(new ImageBuildProgress(ImageBuildStage.Skipped, reason));
            _logger.LogInformation("Skipping the image build: {Reason}", reason);
            return await RecordAsync(root, request, ResultFrom(existing, request.Repository, tag, revision, inputsDigest, contextDigest: null, reason), cancellationToken);
        }

        if (baseImageId is null)
        {
            // The local base image is made, never pulled: say how instead of letting the pull fail.
            if (request.BaseImage == BaseImageOptions.DefaultImageName)
            {
                throw new DockerOperationException(
                    $"Base image {request.BaseImage} is not in the engine at {_endpoints.DockerHost}: make it first (BaseImage.EnsureAsync) or pass another BASE_IMAGE.");
            }

            _logger.LogWarning("Base image {BaseImage} is not in the engine; the build will try to pull it", request.BaseImage);
        }

        await new ServicePublisher(_logger).PublishAsync(root, request, progress, cancellationToken);
        var built = await BuildContextAsync(
            new ContextBuildRequest
            {
                ContextDirectory = root,
                Dockerfile = request.Dockerfile,
                Tags = [reference],
                BuildArgs = buildArgs,
                Labels = new Dictionary<string, string> { [InputsLabel] = inputsDigest },
                NoCache = request.NoCache,
            },
            progress,
            cancellationToken);

        var image = await client.Images.InspectImageAsync(built.ImageId, cancellationToken);
        progress?.Report(new ImageBuildProgress(ImageBuildStage.Done, $"built {reference} ({image.ID})"));
        return await RecordAsync(root, request, ResultFrom(image, request.Repository, tag, revision, inputsDigest, built.ContextDigest, skipReason: null), cancellationToken);
    }

    /// <summary>Builds a context folder as it is (no publish, no skip); returns the image id and context digest.</summary>
    public async Task<ContextBuildResult> BuildContextAsync(ContextBuildRequest request, IProgress<ImageBuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var parameters = new ImageBuildParameters
        {
            Dockerfile = request.Dockerfile.Replace('\\', '/'),
            Tags = request.Tags.ToList(),
            BuildArgs = new Dictionary<string, string>(request.BuildArgs),
            Labels = new Dictionary<string, string>(request.Labels),
            Remove = true,
            ForceRemove = true,
            NoCache = request.NoCache,
            // The Dockerfile has no RUN step; any that appears gets no network.
            NetworkMode = "none",
        };
        string? imageId = null;
        var monitor = new JsonMessageMonitor(message =>
        {
            if (message.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id) && id?.ToString() is { Length: > 0 } text)
            {
                imageId = text;
            }

            var line = (message.Stream ?? message.Status)?.TrimEnd();
            if (!string.IsNullOrWhiteSpace(line))
            {
                progress?.Report(new ImageBuildProgress(ImageBuildStage.Build, line));
            }
        });

        // The context tar is streamed while it is written: reading the files overlaps the transfer.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = Task.Run(() => WriteContextAsync(request, pipe.Writer, progress, stopWriting.Token), CancellationToken.None);
        using var client = _endpoints.CreateClient();
        try
        {
            await using var body = pipe.Reader.AsStream();
            await client.Images.BuildImageFromDockerfileAsync(parameters, body, null, null, monitor, cancellationToken);
        }
        catch (DockerApiException exception)
        {
            await stopWriting.CancelAsync();
            await ObserveAsync(writing);
            throw EngineErrors.From("docker build", exception);
        }
        catch (Exception) when (writing.IsFaulted)
        {
            // The context could not be written (a file vanished, no permission): that is the error to report.
            await writing;
            throw;
        }
        finally
        {
            await stopWriting.CancelAsync();
        }

        var summary = await ObserveAsync(writing);
        monitor.ThrowIfFailed("docker build");
        if (imageId is null && request.Tags.Count > 0)
        {
            imageId = (await TryInspectAsync(client, request.Tags[0], cancellationToken))?.ID;
        }

        return new ContextBuildResult(
            imageId ?? throw new DockerOperationException("docker build failed: the engine reported no error but no image id either."),
            summary?.Digest ?? throw new DockerOperationException("docker build failed: the engine stopped reading the context before its end."));
    }

    private static async Task<BuildContextSummary> WriteContextAsync(
        ContextBuildRequest request, PipeWriter writer, IProgress<ImageBuildProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = writer.AsStream(leaveOpen: true);
            var summary = await BuildContext.WriteAsync(request.ContextDirectory, request.Dockerfile, stream, cancellationToken);
            await writer.CompleteAsync();
            progress?.Report(new ImageBuildProgress(
                ImageBuildStage.Context,
                $"context: {summary.FileCount} files, {summary.Size / (1024.0 * 1024.0):0.0} MiB, {summary.Digest}"));
            return summary;
        }
        catch (Exception exception)
        {
            await writer.CompleteAsync(exception);
            throw;
        }
    }

    /// <summary>The writer's result once the build call is over; null when it was stopped early.</summary>
    private static async Task<BuildContextSummary?> ObserveAsync(Task<BuildContextSummary> writing)
    {
        try
        {
            return await writing;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<ImageInspectResponse?> TryInspectAsync(DockerClient client, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Images.InspectImageAsync(reference, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string InputsDigest(ImageBuildRequest request, string tag, string? baseImageId, IReadOnlyDictionary<string, string> buildArgs)
    {
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["tag"] = tag,
            ["baseImageId"] = baseImageId ?? "(not local)",
            ["dockerfile"] = request.Dockerfile,
            ["project"] = request.ServiceProject,
            ["publishDirectory"] = request.PublishDirectory,
            ["configuration"] = request.Configuration,
            ["runtime"] = request.RuntimeIdentifier,
        };
        foreach (var (name, value) in buildArgs)
        {
            inputs["arg:" + name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(inputs, BuildJsonContext.Default.SortedDictionaryStringString));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static ImageBuildRecord ResultFrom(
        ImageInspectResponse image, string repository, string tag, SourceRevision revision, string inputsDigest, string? contextDigest, string? skipReason) =>
        new()
        {
            ImageId = image.ID,
            Repository = repository,
            Tag = tag,
            Tags = image.RepoTags?.Order(StringComparer.Ordinal).ToList() ?? [],
            Labels = new SortedDictionary<string, string>(image.Config?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            Commit = revision.Commit,
            Dirty = revision.IsDirty,
            InputsDigest = inputsDigest,
            ContextDigest = contextDigest,
            Skipped = skipReason is not null,
            SkipReason = skipReason,
        };

    private static async Task<ImageBuildRecord> RecordAsync(string root, ImageBuildRequest request, ImageBuildRecord result, CancellationToken cancellationToken)
    {
        if (request.RecordPath is not null)
        {
            await result.WriteAsync(Path.Combine(root, request.RecordPath), cancellationToken);
        }

        return result;
    }
}
