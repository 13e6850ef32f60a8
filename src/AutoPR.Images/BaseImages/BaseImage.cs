using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AutoPR.Images.Engine;
using AutoPR.Images.Host;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Images.BaseImages;

/// <summary>
/// Makes the local base image (no image can be pulled here) once, and reuses it afterwards: a
/// debootstrap minbase root filesystem with the runtime-deps packages, imported through the
/// Engine API. An image whose recipe label differs from the current recipe is made again.
/// </summary>
public sealed class BaseImage
{
    /// <summary>Label holding a hash of the recipe (suite, packages, uid), to notice a changed recipe.</summary>
    public const string RecipeLabel = "org.autopr.base-image.recipe";

    private const int RecipeRevision = 1;
    private readonly DockerEndpoints _endpoints;
    private readonly BaseImageOptions _options;
    private readonly ILogger _logger;

    public BaseImage(DockerEndpoints endpoints, BaseImageOptions? options = null, ILogger? logger = null)
    {
        _endpoints = endpoints;
        _options = options ?? new BaseImageOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Hash of what goes into the image; part of its label and of the rootfs marker.</summary>
    public string Recipe
    {
        get
        {
            var text = string.Join('\n', RecipeRevision.ToString(CultureInfo.InvariantCulture), _options.Suite, _options.Mirror ?? "", string.Join(',', _options.Packages), _options.AppUid.ToString(CultureInfo.InvariantCulture));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }

    /// <summary>Makes the image when it is missing (or from another recipe); returns it.</summary>
    public async Task<BaseImageResult> EnsureAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        using var client = _endpoints.CreateClient();
        if (await FindCurrentAsync(client, cancellationToken) is { } existing)
        {
            return new BaseImageResult(_options.ImageName, existing, Created: false);
        }

        var lockFile = _options.RootFsDirectory + ".lock";
        using (await FileLock.AcquireAsync(lockFile, _options.LockTimeout, _logger, cancellationToken))
        {
            if (await FindCurrentAsync(client, cancellationToken) is { } madeMeanwhile)
            {
                return new BaseImageResult(_options.ImageName, madeMeanwhile, Created: false);
            }

            var rootFs = new RootFsBuilder(_options, Recipe, _logger);
            await rootFs.EnsureAsync(progress, cancellationToken);
            var imageId = await ImportAsync(client, rootFs.Directory, progress, cancellationToken);
            _logger.LogInformation("Made base image {Image} ({Id})", _options.ImageName, imageId);
            return new BaseImageResult(_options.ImageName, imageId, Created: true);
        }
    }

    private async Task<string?> FindCurrentAsync(DockerClient client, CancellationToken cancellationToken)
    {
        try
        {
            var image = await client.Images.InspectImageAsync(_options.ImageName, cancellationToken);
            if (image.Config?.Labels is { } labels && labels.TryGetValue(RecipeLabel, out var recipe) && recipe == Recipe)
            {
                return image.ID;
            }

            _logger.LogInformation("Base image {Image} exists but from another recipe; making it again", _options.ImageName);
            return null;
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

    private async Task<string> ImportAsync(DockerClient client, string rootFs, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var archive = rootFs + ".tar";
        try
        {
            progress?.Report($"packing {rootFs}");
            // GNU tar keeps what a root filesystem needs (owners, modes, links, device nodes).
            await CommandRunner.RunAsync("tar", ["--numeric-owner", "-C", rootFs, "-cf", archive, "--exclude=./.autopr-recipe", "."], _logger, cancellationToken: cancellationToken);

            progress?.Report($"importing {_options.ImageName}");
            var separator = _options.ImageName.LastIndexOf(':');
            var parameters = new ImagesCreateParameters
            {
                FromSrc = "-",
                Repo = _options.ImageName[..separator],
                Tag = _options.ImageName[(separator + 1)..],
                Changes =
                [
                    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    $"ENV APP_UID={_options.AppUid.ToString(CultureInfo.InvariantCulture)}",
                    "ENV ASPNETCORE_HTTP_PORTS=8080",
                    "ENV DOTNET_RUNNING_IN_CONTAINER=true",
                    $"LABEL {RecipeLabel}={Recipe}",
                    "CMD [\"bash\"]",
                ],
            };
            var monitor = new JsonMessageMonitor(message =>
            {
                if (!string.IsNullOrWhiteSpace(message.Status))
                {
                    _logger.LogDebug("import: {Status}", message.Status);
                }
            });
            await using (var stream = File.OpenRead(archive))
            {
                try
                {
                    await client.Images.CreateImageAsync(parameters, stream, null, monitor, cancellationToken);
                }
                catch (DockerApiException exception)
                {
                    throw EngineErrors.From($"Importing {_options.ImageName}", exception);
                }
            }

            monitor.ThrowIfFailed($"Importing {_options.ImageName}");
            var image = await client.Images.InspectImageAsync(_options.ImageName, cancellationToken);
            return image.ID;
        }
        finally
        {
            File.Delete(archive);
        }
    }
}
