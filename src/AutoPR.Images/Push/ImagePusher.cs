using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoPR.Images.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Images.Push;

/// <summary>
/// Pushes a local image to a registry through the Engine API (X-Registry-Auth), with per-layer
/// progress; first asks the registry whether the tag already holds the same image (then nothing
/// is pushed) or, for immutable repositories, another image (an error). Returns the manifest digest.
/// </summary>
public sealed partial class ImagePusher
{
    private readonly DockerEndpoints _endpoints;
    private readonly ILogger _logger;

    public ImagePusher(DockerEndpoints endpoints, ILogger? logger = null)
    {
        _endpoints = endpoints;
        _logger = logger ?? NullLogger.Instance;
    }

    public async Task<ImagePushResult> PushAsync(ImagePushRequest request, IProgress<ImagePushProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var target = request.TargetReference;
        var credentials = request.Credentials ?? await DockerConfigCredentials.FindAsync(request.Registry, request.DockerConfigPath, cancellationToken);
        using var client = _endpoints.CreateClient();
        var image = await InspectSourceAsync(client, request.SourceImage, cancellationToken);

        using (var registry = new OciRegistryClient(request.Registry, credentials, request.UseHttps))
        {
            if (await registry.HeadManifestAsync(request.Repository, request.Tag, cancellationToken) is { } existing)
            {
                var sameImage = image.RepoDigests?.Contains(request.Target.WithDigest(existing.Digest).Pinned) == true
                    || await registry.GetConfigDigestAsync(request.Repository, existing.Digest, cancellationToken) == image.ID;
                if (sameImage)
                {
                    var reason = $"{target} already holds this image ({existing.Digest})";
                    _logger.LogInformation("Skipping the push: {Reason}", reason);
                    progress?.Report(new ImagePushProgress(null, "Skipped: " + reason, null, null));
                    return new ImagePushResult(request.Target.WithDigest(existing.Digest), Skipped: true, reason);
                }

                if (request.ImmutableTags)
                {
                    throw new DockerOperationException(
                        $"{target} already holds {existing.Digest}, a different image, and the repository's tags are immutable: a tag names one image for good, so build from a new commit (a new tag) or push under another tag.");
                }

                _logger.LogWarning("{Target} holds {Digest}, another image; the tag is mutable and will point at the new one", target, existing.Digest);
            }
        }

        await client.Images.TagImageAsync(
            image.ID,
            new ImageTagParameters { RepositoryName = $"{request.Registry}/{request.Repository}", Tag = request.Tag },
            cancellationToken);

        string? digest = null;
        var monitor = new JsonMessageMonitor(message =>
        {
            digest = DigestOf(message) ?? digest;
            if (!string.IsNullOrWhiteSpace(message.Status))
            {
                progress?.Report(new ImagePushProgress(
                    string.IsNullOrEmpty(message.ID) ? null : message.ID,
                    message.Status,
                    message.Progress?.Current,
                    message.Progress?.Total));
            }
        });
        var auth = credentials is null
            ? new AuthConfig()
            : new AuthConfig
            {
                Username = credentials.Username,
                Password = credentials.Password,
                IdentityToken = credentials.IdentityToken,
                ServerAddress = request.Registry,
            };
        try
        {
            await client.Images.PushImageAsync($"{request.Registry}/{request.Repository}", new ImagePushParameters { Tag = request.Tag }, auth, monitor, cancellationToken);
        }
        catch (DockerApiException exception)
        {
            throw EngineErrors.From($"docker push {target}", exception);
        }

        monitor.ThrowIfFailed($"docker push {target}");
        if (digest is null)
        {
            throw new DockerOperationException($"docker push {target} failed: the engine reported no error but no manifest digest either.");
        }

        _logger.LogInformation("Pushed {Target} ({Digest})", target, digest);
        return new ImagePushResult(request.Target.WithDigest(digest), Skipped: false, SkipReason: null);
    }

    /// <summary>
    /// The digest the local image already has in the target repository (the engine remembers what it pushed), without
    /// pushing or tagging anything; null when it was never pushed there. For --dry-run.
    /// </summary>
    public async Task<string?> FindPushedDigestAsync(ImagePushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var client = _endpoints.CreateClient();
        var image = await InspectSourceAsync(client, request.SourceImage, cancellationToken);
        return (image.RepoDigests ?? [])
            .Select(ImageReference.TryParse)
            .FirstOrDefault(known => known is { IsPinned: true } && known.Name == request.Target.Name)?.Digest;
    }

    private static async Task<ImageInspectResponse> InspectSourceAsync(DockerClient client, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Images.InspectImageAsync(source, cancellationToken);
        }
        catch (DockerImageNotFoundException exception)
        {
            throw new DockerOperationException($"Image {source} is not in the engine: build it first (DockerBuild).", exception);
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new DockerOperationException($"Image {source} is not in the engine: build it first (DockerBuild).", exception);
        }
    }

    /// <summary>The manifest digest from the push's final aux message (or its status line on older engines).</summary>
    private static string? DigestOf(JSONMessage message)
    {
        if (message.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var value))
        {
            var text = value is JsonElement { ValueKind: JsonValueKind.String } element ? element.GetString() : value?.ToString();
            if (!string.IsNullOrEmpty(text))
            {
                return text;
            }
        }

        return message.Status is { } status && DigestInStatus().Match(status) is { Success: true } match ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex DigestInStatus();
}
