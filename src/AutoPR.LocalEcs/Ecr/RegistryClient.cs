using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Ecr;

/// <summary>
/// The OCI distribution API of the registry behind ECR: catalog, tags, manifests. ECR answers from it,
/// so `docker push` and the ECR view always agree.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
    ];

    private readonly HttpClient _http;

    public RegistryClient(string registry)
    {
        Registry = registry;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{registry}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Registry { get; }

    public Task<IReadOnlyList<string>> CatalogAsync(CancellationToken cancellationToken) =>
        ListAllAsync("v2/_catalog?n=1000", "repositories", cancellationToken);

    public Task<IReadOnlyList<string>> TagsAsync(string repository, CancellationToken cancellationToken) =>
        ListAllAsync($"v2/{repository}/tags/list?n=1000", "tags", cancellationToken);

    /// <summary>The manifest for a tag or digest, or null when the registry has none.</summary>
    public async Task<RegistryManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{reference}");
        foreach (var type in ManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : Digests.Of(body);
        return new RegistryManifest(digest, response.Content.Headers.ContentType?.MediaType ?? ManifestTypes[0], body);
    }

    public async Task<string> PutManifestAsync(string repository, string reference, string body, string mediaType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/{repository}/manifests/{reference}")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var detail = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            throw detail.Contains("BLOB_UNKNOWN", StringComparison.Ordinal)
                ? new AwsServiceException("LayersNotFoundException", $"The image references layers that are not in the repository: {detail}")
                : new AwsServiceException("InvalidParameterException", $"The registry rejected the manifest: {detail}");
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : Digests.Of(body);
    }

    public async Task<bool> DeleteManifestAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"v2/{repository}/manifests/{digest}");
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Follows the registry's Link: &lt;...&gt;; rel="next" pagination (pages of at most 1000).</summary>
    private async Task<IReadOnlyList<string>> ListAllAsync(string path, string property, CancellationToken cancellationToken)
    {
        var all = new List<string>();
        for (string? next = path; next is not null;)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            using var response = await SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }

            await EnsureSuccessAsync(response, cancellationToken);
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            all.AddRange(json?[property] is JsonArray items ? items.Select(n => n!.GetValue<string>()) : []);
            next = response.Headers.TryGetValues("Link", out var links) && links.First() is var link && link.StartsWith('<')
                ? link[1..link.IndexOf('>', StringComparison.Ordinal)].TrimStart('/')
                : null;
        }

        return all;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new AwsServiceException("ServerException", $"The registry at {Registry} is not reachable ({error.Message}); start it or pass --registry.", HttpStatusCode.InternalServerError);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new AwsServiceException("ServerException", $"The registry at {Registry} answered {(int)response.StatusCode}: {detail.Trim()}", HttpStatusCode.InternalServerError);
        }
    }
}
