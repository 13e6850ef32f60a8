using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AutoPR.Images.Push;

/// <summary>
/// The few calls of the OCI distribution API the push needs: manifest HEAD (digest of a tag) and
/// GET (which image config a tag holds), with Basic or Bearer-token authentication as the
/// registry asks (401 + WWW-Authenticate). Plain HTTP for loopback registries, HTTPS otherwise.
/// </summary>
public sealed class OciRegistryClient : IDisposable
{
    /// <summary>Every manifest kind a tag may hold; without them a registry may answer with a legacy schema.</summary>
    public static readonly IReadOnlyList<string> ManifestMediaTypes =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    private readonly HttpClient _http;
    private readonly string _registry;
    private readonly RegistryCredentials? _credentials;
    private AuthenticationHeaderValue? _authorization;

    public OciRegistryClient(string registry, RegistryCredentials? credentials = null, bool? useHttps = null, HttpMessageHandler? handler = null)
    {
        _registry = registry;
        _credentials = credentials;
        var scheme = (useHttps ?? !IsLoopback(registry)) ? "https" : "http";
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = new Uri($"{scheme}://{registry}/");
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>The manifest a tag (or digest) points at; null when the registry has no such tag.</summary>
    public async Task<ManifestInfo?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Head, $"v2/{repository}/manifests/{reference}", repository, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, $"HEAD manifest {repository}:{reference}");
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        return new ManifestInfo(
            digest ?? throw new DockerOperationException($"Registry {_registry} gave no Docker-Content-Digest for {repository}:{reference}."),
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentLength);
    }

    /// <summary>The image config digest (= the engine's image id) a tag holds; null for a missing tag or an index.</summary>
    public async Task<string?> GetConfigDigestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v2/{repository}/manifests/{reference}", repository, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, $"GET manifest {repository}:{reference}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.TryGetProperty("config", out var config) && config.TryGetProperty("digest", out var digest)
            ? digest.GetString()
            : null;
    }

    public void Dispose() => _http.Dispose();

    internal static bool IsLoopback(string registry)
    {
        var colon = registry.LastIndexOf(':');
        var host = (colon > 0 && !registry.EndsWith(']') ? registry[..colon] : registry).Trim('[', ']');
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string repository, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(method, path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || response.Headers.WwwAuthenticate.FirstOrDefault() is not { } challenge)
        {
            return response;
        }

        response.Dispose();
        _authorization = await AuthorizeAsync(challenge, repository, cancellationToken);
        return await SendOnceAsync(method, path, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var mediaType in ManifestMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        request.Headers.Authorization = _authorization;
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerOperationException($"Registry {_registry} is unreachable: no answer within {_http.Timeout.TotalSeconds:0} s at {_http.BaseAddress}; start it or check the address.", exception);
        }
    }

    private async Task<AuthenticationHeaderValue> AuthorizeAsync(AuthenticationHeaderValue challenge, string repository, CancellationToken cancellationToken)
    {
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (_credentials?.Username is null)
            {
                throw new DockerOperationException($"Registry {_registry} wants credentials (Basic) and none were given: log in (docker login {_registry}) or pass credentials.");
            }

            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_credentials.Username}:{_credentials.Password}")));
        }

        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new DockerOperationException($"Registry {_registry} asks for {challenge.Scheme} authentication, which is not supported (Basic and Bearer are).");
        }

        var parameters = ParseChallenge(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new DockerOperationException($"Registry {_registry} sent a Bearer challenge without a usable realm.");
        }

        var query = new StringBuilder("?");
        if (parameters.TryGetValue("service", out var service))
        {
            query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        }

        query.Append("scope=").Append(Uri.EscapeDataString(parameters.TryGetValue("scope", out var scope) ? scope : $"repository:{repository}:pull"));
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(realmUri, query.ToString()));
        if (_credentials?.Username is { } user)
        {
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{_credentials.Password}")));
        }

        HttpResponseMessage tokenResponse;
        try
        {
            tokenResponse = await _http.SendAsync(tokenRequest, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }

        using (tokenResponse)
        {
            EnsureSuccess(tokenResponse, "token request");
            using var document = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
            var token = document.RootElement.TryGetProperty("token", out var value) ? value.GetString()
                : document.RootElement.TryGetProperty("access_token", out var access) ? access.GetString() : null;
            return new AuthenticationHeaderValue("Bearer", token ?? throw new DockerOperationException($"Registry {_registry}'s token service returned no token."));
        }
    }

    internal static Dictionary<string, string> ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameter.Length)
        {
            var equals = parameter.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var key = parameter[i..equals].Trim(' ', ',');
            i = equals + 1;
            string value;
            if (i < parameter.Length && parameter[i] == '"')
            {
                var close = parameter.IndexOf('"', i + 1);
                close = close < 0 ? parameter.Length : close;
                value = parameter[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var comma = parameter.IndexOf(',', i);
                comma = comma < 0 ? parameter.Length : comma;
                value = parameter[i..comma].Trim();
                i = comma;
            }

            result[key] = value;
            i++;
        }

        return result;
    }

    private void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? ": the credentials were refused; log in again or pass valid credentials"
                : "";
            throw new DockerOperationException($"Registry {_registry} answered {what} with HTTP {(int)response.StatusCode} {response.ReasonPhrase}{hint}.");
        }
    }

    private DockerOperationException Unreachable(HttpRequestException exception)
    {
        var reason = exception.InnerException is SocketException socket ? socket.Message : exception.Message;
        return new DockerOperationException($"Registry {_registry} is unreachable at {_http.BaseAddress}: {reason.Trim()}; start it or check the address.", exception);
    }
}
