using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.Ecr;

/// <summary>
/// ECR repositories and images over the OCI registry: repositories are the registry's catalog plus local
/// metadata (tag immutability, scanning, encryption); images are its tagged manifests.
/// </summary>
public sealed partial class EcrOperations(RegistryClient registry, EcrMetadataStore metadata, LocalEcsOptions options, TimeProvider time)
{
    private string RegistryId => options.AccountId;

    public async Task<JsonObject> CreateRepositoryAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = ValidName(request);
        var scanning = request.Nested("imageScanningConfiguration");
        var encryption = request.Nested("encryptionConfiguration");
        var mutability = request.Text("imageTagMutability") ?? "MUTABLE";
        if (mutability is not ("MUTABLE" or "IMMUTABLE"))
        {
            throw request.Invalid("imageTagMutability must be MUTABLE or IMMUTABLE.");
        }

        var created = await metadata.UseAsync(repositories =>
        {
            // A repository the registry already has from a plain `docker push` is adopted with these settings.
            if (repositories.ContainsKey(name))
            {
                throw new AwsServiceException("RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists in the registry with id '{RegistryId}'");
            }

            var repository = new RepositoryMetadata
            {
                CreatedAt = time.GetUtcNow(),
                ImageTagMutability = mutability,
                ScanOnPush = scanning?.Flag("scanOnPush") ?? false,
                EncryptionType = encryption?.Text("encryptionType") ?? "AES256",
            };
            foreach (var tag in (request.Array("tags") ?? []).OfType<JsonObject>())
            {
                repository.Tags[tag["Key"]?.GetValue<string>() ?? string.Empty] = tag["Value"]?.GetValue<string>() ?? string.Empty;
            }

            repositories[name] = repository;
            return repository;
        }, save: true, cancellationToken);
        return new JsonObject { ["repository"] = RepositoryJson(name, created) };
    }

    public async Task<JsonObject> DescribeRepositoriesAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var catalog = await registry.CatalogAsync(cancellationToken);
        var requested = request.Texts("repositoryNames");
        var all = await metadata.UseAsync(repositories =>
        {
            foreach (var name in catalog.Where(n => !repositories.ContainsKey(n)))
            {
                // Pushed without CreateRepository: ECR would have refused, LocalEcs adopts it.
                repositories[name] = new RepositoryMetadata { CreatedAt = time.GetUtcNow() };
            }

            return repositories.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        }, save: catalog.Count > 0, cancellationToken);
        foreach (var name in requested.Where(n => all.All(r => r.Key != n)))
        {
            throw RepositoryNotFound(name);
        }

        var selected = all.Where(r => requested.Count == 0 || requested.Contains(r.Key)).Select(r => RepositoryJson(r.Key, r.Value)).ToList();
        var (page, next) = Paging.Page(selected, request, 1000);
        return new JsonObject { ["repositories"] = new JsonArray([.. page]), ["nextToken"] = next };
    }

    public async Task<JsonObject> DeleteRepositoryAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = request.RequiredText("repositoryName");
        var repository = await RequireAsync(name, cancellationToken);
        var images = await EcrImage.ReadAsync(registry, name, cancellationToken);
        if (images.Count > 0 && request.Flag("force") != true)
        {
            throw new AwsServiceException("RepositoryNotEmptyException", $"The repository with name '{name}' in registry with id '{RegistryId}' cannot be deleted because it still contains images");
        }

        foreach (var image in images)
        {
            await registry.DeleteManifestAsync(name, image.Digest, cancellationToken);
        }

        await metadata.UseAsync(repositories => repositories.Remove(name), save: true, cancellationToken);
        return new JsonObject { ["repository"] = RepositoryJson(name, repository) };
    }

    public Task<JsonObject> GetAuthorizationTokenAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        // The local registry needs no credentials; the token has ECR's shape (base64 "AWS:<password>").
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + Guid.NewGuid().ToString("N")));
        return Task.FromResult(new JsonObject
        {
            ["authorizationData"] = new JsonArray(new JsonObject
            {
                ["authorizationToken"] = token,
                ["expiresAt"] = AwsTime.ToJson(time.GetUtcNow().AddHours(12)),
                ["proxyEndpoint"] = $"http://{registry.Registry}",
            }),
        });
    }

    public async Task<JsonObject> ListImagesAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = request.RequiredText("repositoryName");
        await RequireAsync(name, cancellationToken);
        var status = request.Nested("filter")?.Text("tagStatus") ?? "ANY";
        var ids = (await EcrImage.ReadAsync(registry, name, cancellationToken))
            .Where(_ => status != "UNTAGGED")
            .SelectMany(i => i.Tags.Select(t => new JsonObject { ["imageDigest"] = i.Digest, ["imageTag"] = t }))
            .ToList();
        var (page, next) = Paging.Page(ids, request, 1000);
        return new JsonObject { ["imageIds"] = new JsonArray([.. page]), ["nextToken"] = next };
    }

    public async Task<JsonObject> DescribeImagesAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = request.RequiredText("repositoryName");
        var repository = await RequireAsync(name, cancellationToken);
        var images = await EcrImage.ReadAsync(registry, name, cancellationToken);
        var requested = (request.Array("imageIds") ?? []).OfType<JsonObject>().ToList();
        var selected = new List<EcrImage>();
        foreach (var id in requested)
        {
            var match = Find(images, id) ?? throw new AwsServiceException(
                "ImageNotFoundException",
                $"The image with imageId {{imageDigest:'{id["imageDigest"]}', imageTag:'{id["imageTag"]}'}} does not exist within the repository with name '{name}' in the registry with id '{RegistryId}'");
            if (!selected.Contains(match))
            {
                selected.Add(match);
            }
        }

        if (requested.Count == 0)
        {
            selected = images;
        }

        var pushed = await metadata.UseAsync(repositories =>
        {
            var record = repositories.TryGetValue(name, out var existing) ? existing : repositories[name] = repository;
            foreach (var image in selected)
            {
                record.PushedAt.TryAdd(image.Digest, time.GetUtcNow());
            }

            return new Dictionary<string, DateTimeOffset>(record.PushedAt, StringComparer.Ordinal);
        }, save: true, cancellationToken);
        var details = selected.Select(image => (JsonNode)new JsonObject
        {
            ["registryId"] = RegistryId,
            ["repositoryName"] = name,
            ["imageDigest"] = image.Digest,
            ["imageTags"] = new JsonArray([.. image.Tags.Select(t => (JsonNode)t)]),
            ["imageSizeInBytes"] = image.SizeInBytes,
            ["imagePushedAt"] = AwsTime.ToJson(pushed[image.Digest]),
            ["imageManifestMediaType"] = image.Manifest.MediaType,
            ["artifactMediaType"] = image.ArtifactMediaType,
            ["imageStatus"] = "ACTIVE",
        }).ToList();
        var (page, next) = Paging.Page(details, request, 100);
        return new JsonObject { ["imageDetails"] = new JsonArray([.. page]), ["nextToken"] = next };
    }

    public async Task<JsonObject> BatchGetImageAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = request.RequiredText("repositoryName");
        await RequireAsync(name, cancellationToken);
        var images = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in (request.Array("imageIds") ?? []).OfType<JsonObject>())
        {
            var tag = id["imageTag"]?.GetValue<string>();
            var digest = id["imageDigest"]?.GetValue<string>();
            var manifest = await registry.GetManifestAsync(name, tag ?? digest ?? string.Empty, cancellationToken);
            if (manifest is null)
            {
                failures.Add(new JsonObject { ["imageId"] = id.DeepClone(), ["failureCode"] = "ImageNotFound", ["failureReason"] = "Requested image not found" });
            }
            else if (tag is not null && digest is not null && manifest.Digest != digest)
            {
                failures.Add(new JsonObject { ["imageId"] = id.DeepClone(), ["failureCode"] = "ImageTagDoesNotMatchDigest", ["failureReason"] = "Invalid image digest for the requested tag" });
            }
            else
            {
                images.Add(ImageJson(name, manifest, tag));
            }
        }

        return new JsonObject { ["images"] = images, ["failures"] = failures };
    }

    public async Task<JsonObject> PutImageAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = request.RequiredText("repositoryName");
        var repository = await RequireAsync(name, cancellationToken);
        var body = request.RequiredText("imageManifest");
        var tag = request.Text("imageTag");
        var digest = Digests.Of(body);
        if (request.Text("imageDigest") is { } expected && expected != digest)
        {
            throw new AwsServiceException("ImageDigestDoesNotMatchException", $"The provided image digest {expected} does not match the manifest digest {digest}.");
        }

        var mediaType = request.Text("imageManifestMediaType")
            ?? JsonNode.Parse(body)?["mediaType"]?.GetValue<string>()
            ?? "application/vnd.docker.distribution.manifest.v2+json";
        if (tag is not null && await registry.GetManifestAsync(name, tag, cancellationToken) is { } existing)
        {
            if (existing.Digest == digest)
            {
                throw new AwsServiceException("ImageAlreadyExistsException", $"Image with digest '{digest}' and tag '{tag}' already exists in the repository with name '{name}' in registry with id '{RegistryId}'");
            }

            if (repository.ImageTagMutability == "IMMUTABLE")
            {
                throw new AwsServiceException("ImageTagAlreadyExistsException", $"The image tag '{tag}' already exists in the '{name}' repository and cannot be overwritten because the repository is immutable.");
            }
        }

        var stored = await registry.PutManifestAsync(name, tag ?? digest, body, mediaType, cancellationToken);
        await metadata.UseAsync(repositories => repositories[name].PushedAt.TryAdd(stored, time.GetUtcNow()), save: true, cancellationToken);
        return new JsonObject { ["image"] = ImageJson(name, new RegistryManifest(stored, mediaType, body), tag) };
    }

    public async Task<JsonObject> BatchDeleteImageAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = request.RequiredText("repositoryName");
        await RequireAsync(name, cancellationToken);
        var images = await EcrImage.ReadAsync(registry, name, cancellationToken);
        var deleted = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in (request.Array("imageIds") ?? []).OfType<JsonObject>())
        {
            var image = Find(images, id);
            if (image is null)
            {
                failures.Add(new JsonObject { ["imageId"] = id.DeepClone(), ["failureCode"] = "ImageNotFound", ["failureReason"] = "Requested image not found" });
                continue;
            }

            var tag = id["imageTag"]?.GetValue<string>();
            var removedTags = tag is null ? image.Tags : [tag];
            var keptTags = image.Tags.Except(removedTags, StringComparer.Ordinal).ToList();

            // The registry deletes by digest only: delete, then put the manifest back under the tags that stay.
            await registry.DeleteManifestAsync(name, image.Digest, cancellationToken);
            foreach (var kept in keptTags)
            {
                await registry.PutManifestAsync(name, kept, image.Manifest.Body, image.Manifest.MediaType, cancellationToken);
            }

            images.Remove(image);
            if (keptTags.Count > 0)
            {
                images.Add(image with { Tags = keptTags });
            }

            foreach (var removed in removedTags.DefaultIfEmpty())
            {
                var entry = new JsonObject { ["imageDigest"] = image.Digest };
                if (removed is not null)
                {
                    entry["imageTag"] = removed;
                }

                deleted.Add(entry);
            }
        }

        return new JsonObject { ["imageIds"] = deleted, ["failures"] = failures };
    }

    private static EcrImage? Find(List<EcrImage> images, JsonObject id)
    {
        var tag = id["imageTag"]?.GetValue<string>();
        var digest = id["imageDigest"]?.GetValue<string>();
        return images.FirstOrDefault(i => (tag is null || i.Tags.Contains(tag)) && (digest is null || i.Digest == digest) && (tag is not null || digest is not null));
    }

    private async Task<RepositoryMetadata> RequireAsync(string name, CancellationToken cancellationToken)
    {
        var catalog = await registry.CatalogAsync(cancellationToken);
        return await metadata.UseAsync(
            repositories => repositories.TryGetValue(name, out var existing) ? existing
                : catalog.Contains(name) ? repositories[name] = new RepositoryMetadata { CreatedAt = time.GetUtcNow() }
                : throw RepositoryNotFound(name),
            save: true,
            cancellationToken);
    }

    private AwsServiceException RepositoryNotFound(string name) =>
        new("RepositoryNotFoundException", $"The repository with name '{name}' does not exist in the registry with id '{RegistryId}'");

    private static string ValidName(JsonArgs request)
    {
        var name = request.RequiredText("repositoryName");
        return RepositoryName().IsMatch(name) && name.Length is >= 2 and <= 256
            ? name
            : throw request.Invalid($"Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '{RepositoryName()}''");
    }

    private JsonObject RepositoryJson(string name, RepositoryMetadata repository) => new()
    {
        ["repositoryArn"] = $"arn:aws:ecr:{options.Region}:{RegistryId}:repository/{name}",
        ["registryId"] = RegistryId,
        ["repositoryName"] = name,
        ["repositoryUri"] = $"{registry.Registry}/{name}",
        ["createdAt"] = AwsTime.ToJson(repository.CreatedAt),
        ["imageTagMutability"] = repository.ImageTagMutability,
        ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = repository.ScanOnPush },
        ["encryptionConfiguration"] = new JsonObject { ["encryptionType"] = repository.EncryptionType },
    };

    private JsonObject ImageJson(string repository, RegistryManifest manifest, string? tag)
    {
        var id = new JsonObject { ["imageDigest"] = manifest.Digest };
        if (tag is not null)
        {
            id["imageTag"] = tag;
        }

        return new JsonObject
        {
            ["registryId"] = RegistryId,
            ["repositoryName"] = repository,
            ["imageId"] = id,
            ["imageManifest"] = manifest.Body,
            ["imageManifestMediaType"] = manifest.MediaType,
        };
    }

    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex RepositoryName();
}
