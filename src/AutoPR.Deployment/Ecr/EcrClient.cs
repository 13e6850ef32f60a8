using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecr;

/// <summary>
/// Amazon ECR's API over AWS JSON 1.1: registry login, repositories and image manifests. List calls follow
/// nextToken to the end. The authorization token is decoded and cached until shortly before it expires.
/// </summary>
public sealed class EcrClient : IDisposable
{
    private const int ImageIdBatch = 100;

    // Refresh the 12-hour token well before expiry, so a long push never starts with a token about to lapse.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(15);

    private readonly AwsJsonClient _core;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _authorizationLock = new(1, 1);
    private EcrAuthorization? _authorization;

    /// <summary>Creates the client; <paramref name="time"/> decides when the cached authorization is stale.</summary>
    public EcrClient(AwsJsonClient core, TimeProvider? time = null)
    {
        _core = core;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Every operation this client calls (for the deployer's IAM policy).</summary>
    public static IReadOnlyList<AwsOperation> Operations => EcrOperations.All;

    /// <summary>GetAuthorizationToken, decoded to a user name and password; cached until 15 minutes before expiry.</summary>
    public async Task<EcrAuthorization> GetAuthorizationAsync(CancellationToken cancellationToken = default)
    {
        await _authorizationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_authorization is { } cached && _time.GetUtcNow() < cached.ExpiresAt - RefreshMargin)
            {
                return cached;
            }

            var response = await _core.SendAsync(EcrOperations.GetAuthorizationToken, [], cancellationToken).ConfigureAwait(false);
            var data = JsonRead.GetArray(response, "authorizationData").FirstOrDefault()
                ?? throw InvalidAuthorization("the response has no authorizationData");
            _authorization = Decode(data);
            return _authorization;
        }
        finally
        {
            _authorizationLock.Release();
        }
    }

    /// <summary>DescribeRepositories: all repositories of the registry, or the named ones, all pages.</summary>
    public async IAsyncEnumerable<EcrRepositoryView> DescribeRepositoriesAsync(
        IEnumerable<string>? repositoryNames = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new JsonObject().With("repositoryNames", repositoryNames is null ? null : JsonBuild.Strings(repositoryNames));
        await foreach (var page in _core.PaginateAsync(EcrOperations.DescribeRepositories, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var repository in JsonRead.GetArray(page, "repositories").OfType<JsonObject>())
            {
                yield return new EcrRepositoryView(repository);
            }
        }
    }

    /// <summary>The named repository, or null when ECR answers RepositoryNotFoundException.</summary>
    public async Task<EcrRepositoryView?> FindRepositoryAsync(string repositoryName, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var repository in DescribeRepositoriesAsync([repositoryName], cancellationToken).ConfigureAwait(false))
            {
                return repository;
            }

            return null;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
        {
            return null;
        }
    }

    /// <summary>CreateRepository with tag mutability, scan on push and encryption from <paramref name="settings"/>.</summary>
    public async Task<EcrRepositoryView> CreateRepositoryAsync(
        string repositoryName,
        EcrRepositorySettings settings,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = new JsonObject
        {
            ["repositoryName"] = repositoryName,
            ["imageTagMutability"] = settings.ImageTagMutability,
            ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = settings.ScanOnPush },
            ["encryptionConfiguration"] = new JsonObject { ["encryptionType"] = settings.EncryptionType }.With("kmsKey", settings.KmsKey),
        }.With("tags", tags is null || tags.Count == 0 ? null : JsonBuild.Tags(tags, "Key", "Value"));
        var response = await _core.SendAsync(EcrOperations.CreateRepository, request, cancellationToken).ConfigureAwait(false);
        return new EcrRepositoryView(JsonRead.GetObject(response, "repository") ?? []);
    }

    /// <summary>The repository, created with <paramref name="settings"/> when it does not exist yet (a concurrent creation is tolerated).</summary>
    public async Task<EcrRepositoryView> EnsureRepositoryAsync(
        string repositoryName,
        EcrRepositorySettings settings,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        var existing = await FindRepositoryAsync(repositoryName, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        try
        {
            return await CreateRepositoryAsync(repositoryName, settings, tags, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryAlreadyExistsException")
        {
            var raced = await FindRepositoryAsync(repositoryName, cancellationToken).ConfigureAwait(false);
            if (raced is null)
            {
                throw;
            }

            return raced;
        }
    }

    /// <summary>DescribeImages: all images of a repository (all pages), or the given ones (in batches of 100).</summary>
    public async IAsyncEnumerable<EcrImageDetailView> DescribeImagesAsync(
        string repositoryName,
        IEnumerable<EcrImageId>? imageIds = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var requests = imageIds is null
            ? [new JsonObject { ["repositoryName"] = repositoryName }]
            : imageIds.Chunk(ImageIdBatch).Select(batch => new JsonObject { ["repositoryName"] = repositoryName, ["imageIds"] = ImageIds(batch) }).ToList();
        foreach (var request in requests)
        {
            await foreach (var page in _core.PaginateAsync(EcrOperations.DescribeImages, request, cancellationToken).ConfigureAwait(false))
            {
                foreach (var detail in JsonRead.GetArray(page, "imageDetails").OfType<JsonObject>())
                {
                    yield return new EcrImageDetailView(detail);
                }
            }
        }
    }

    /// <summary>The digest <paramref name="tag"/> points at in the repository; null when there is no such tag or repository.</summary>
    public async Task<string?> FindDigestOfTagAsync(string repositoryName, string tag, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var detail in DescribeImagesAsync(repositoryName, [EcrImageId.ByTag(tag)], cancellationToken).ConfigureAwait(false))
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

    /// <summary>BatchGetImage: manifests of the given images (batches of 100), in the accepted media types if given.</summary>
    public async Task<EcrBatchGetImageResult> BatchGetImageAsync(
        string repositoryName,
        IEnumerable<EcrImageId> imageIds,
        IEnumerable<string>? acceptedMediaTypes = null,
        CancellationToken cancellationToken = default)
    {
        var images = new List<EcrImage>();
        var failures = new List<EcrImageFailure>();
        var mediaTypes = acceptedMediaTypes?.ToList();
        foreach (var batch in imageIds.Chunk(ImageIdBatch))
        {
            var request = new JsonObject { ["repositoryName"] = repositoryName, ["imageIds"] = ImageIds(batch) }
                .With("acceptedMediaTypes", mediaTypes is null ? null : JsonBuild.Strings(mediaTypes));
            var response = await _core.SendAsync(EcrOperations.BatchGetImage, request, cancellationToken).ConfigureAwait(false);
            images.AddRange(JsonRead.GetArray(response, "images").Select(EcrImage.From));
            failures.AddRange(JsonRead.GetArray(response, "failures").Select(EcrImageFailure.From));
        }

        return new EcrBatchGetImageResult(images, failures);
    }

    /// <summary>PutImage: tags an existing manifest (promotion by digest: build once, deploy many).</summary>
    public async Task<EcrImage> PutImageAsync(
        string repositoryName,
        string imageManifest,
        string? imageManifestMediaType = null,
        string? imageTag = null,
        string? imageDigest = null,
        CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["repositoryName"] = repositoryName, ["imageManifest"] = imageManifest }
            .With("imageManifestMediaType", imageManifestMediaType)
            .With("imageTag", imageTag)
            .With("imageDigest", imageDigest);
        var response = await _core.SendAsync(EcrOperations.PutImage, request, cancellationToken).ConfigureAwait(false);
        return EcrImage.From(JsonRead.GetObject(response, "image"));
    }

    /// <summary>ListImages: every image id, all pages (tagStatus TAGGED, UNTAGGED or ANY).</summary>
    public async IAsyncEnumerable<EcrImageId> ListImagesAsync(
        string repositoryName,
        string? tagStatus = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["repositoryName"] = repositoryName }
            .With("filter", tagStatus is null ? null : new JsonObject { ["tagStatus"] = tagStatus });
        await foreach (var page in _core.PaginateAsync(EcrOperations.ListImages, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var id in JsonRead.GetArray(page, "imageIds"))
            {
                yield return EcrImageId.From(id);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _authorizationLock.Dispose();

    /// <summary>Decodes one authorizationData entry: base64 "user:password", proxyEndpoint, expiresAt.</summary>
    internal static EcrAuthorization Decode(JsonNode data)
    {
        var token = JsonRead.GetString(data, "authorizationToken") ?? throw InvalidAuthorization("authorizationToken is missing");
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw InvalidAuthorization("authorizationToken is not base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw InvalidAuthorization("authorizationToken is not 'user:password'");
        }

        var endpointText = JsonRead.GetString(data, "proxyEndpoint") ?? throw InvalidAuthorization("proxyEndpoint is missing");
        if (!Uri.TryCreate(endpointText.Contains("://", StringComparison.Ordinal) ? endpointText : "https://" + endpointText, UriKind.Absolute, out var endpoint))
        {
            throw InvalidAuthorization($"proxyEndpoint '{endpointText}' is not a URL");
        }

        var expiresAt = JsonRead.GetTimestamp(data, "expiresAt") ?? throw InvalidAuthorization("expiresAt is missing");
        return new EcrAuthorization(decoded[..colon], decoded[(colon + 1)..], endpoint, expiresAt);
    }

    private static JsonArray ImageIds(IEnumerable<EcrImageId> ids)
    {
        var array = new JsonArray();
        foreach (var id in ids)
        {
            array.Add((JsonNode)id.ToJson());
        }

        return array;
    }

    // The token itself never appears in the message.
    private static AwsServiceException InvalidAuthorization(string why) =>
        new(AwsService.Ecr.Id, EcrOperations.GetAuthorizationToken.Name, "InvalidResponse", "unusable authorization data: " + why, null, null, false, null);
}
