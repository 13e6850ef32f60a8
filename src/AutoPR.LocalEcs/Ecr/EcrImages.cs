using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Ecr;

/// <summary>The tagged images of a repository, read from the registry and grouped by digest.</summary>
public sealed record EcrImage(string Digest, IReadOnlyList<string> Tags, RegistryManifest Manifest)
{
    public long SizeInBytes
    {
        get
        {
            var json = JsonNode.Parse(Manifest.Body);
            long Sum(string property) => json?[property]?.AsArray().Sum(l => l?["size"]?.GetValue<long>() ?? 0) ?? 0;
            return (json?["config"]?["size"]?.GetValue<long>() ?? 0) + Sum("layers") + Sum("manifests");
        }
    }

    public string? ArtifactMediaType => JsonNode.Parse(Manifest.Body)?["config"]?["mediaType"]?.GetValue<string>();

    public static async Task<List<EcrImage>> ReadAsync(RegistryClient registry, string repository, CancellationToken cancellationToken)
    {
        var byDigest = new Dictionary<string, (List<string> Tags, RegistryManifest Manifest)>(StringComparer.Ordinal);
        foreach (var tag in (await registry.TagsAsync(repository, cancellationToken)).Order(StringComparer.Ordinal))
        {
            if (await registry.GetManifestAsync(repository, tag, cancellationToken) is not { } manifest)
            {
                continue;
            }

            if (!byDigest.TryGetValue(manifest.Digest, out var entry))
            {
                byDigest[manifest.Digest] = entry = ([], manifest);
            }

            entry.Tags.Add(tag);
        }

        return [.. byDigest.Select(e => new EcrImage(e.Key, e.Value.Tags, e.Value.Manifest))];
    }
}
