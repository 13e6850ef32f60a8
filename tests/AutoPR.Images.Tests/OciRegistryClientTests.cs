using System.Net;
using System.Text;
using AutoPR.Images.Push;

namespace AutoPR.Images.Tests;

/// <summary>The registry client's authentication flows and answers, against a scripted HTTP handler.</summary>
public sealed class OciRegistryClientTests
{
    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

    [Fact]
    public async Task A_basic_challenge_is_answered_with_the_credentials_and_the_digest_header_is_returned()
    {
        var handler = new ScriptedHandler(request =>
            request.Headers.Authorization is { Scheme: "Basic" } auth && Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter!)) == "AWS:pw"
                ? Manifest()
                : Challenge("Basic realm=\"https://registry.example.invalid/\""));
        using var client = new OciRegistryClient("registry.example.invalid", new RegistryCredentials("AWS", "pw"), handler: handler);

        var manifest = await client.HeadManifestAsync("autopr", "v1");

        Assert.Equal(Digest, manifest?.Digest);
        Assert.Equal("https://registry.example.invalid/v2/autopr/manifests/v1", handler.Requests[0].RequestUri!.ToString());
        Assert.Contains("application/vnd.oci.image.manifest.v1+json", handler.Requests[0].Headers.Accept.Select(a => a.MediaType));
        Assert.Contains("application/vnd.docker.distribution.manifest.v2+json", handler.Requests[0].Headers.Accept.Select(a => a.MediaType));
    }

    [Fact]
    public async Task A_bearer_challenge_gets_a_token_for_the_repository_scope_and_uses_it()
    {
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Host == "auth.example.invalid")
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token\":\"tkn\"}") };
            }

            return request.Headers.Authorization is { Scheme: "Bearer", Parameter: "tkn" }
                ? Manifest()
                : Challenge("Bearer realm=\"https://auth.example.invalid/token\",service=\"registry.example.invalid\",scope=\"repository:autopr:pull\"");
        });
        using var client = new OciRegistryClient("registry.example.invalid", handler: handler);

        var manifest = await client.HeadManifestAsync("autopr", "v1");

        Assert.Equal(Digest, manifest?.Digest);
        var tokenRequest = handler.Requests.Single(r => r.RequestUri!.Host == "auth.example.invalid");
        Assert.Equal("?service=registry.example.invalid&scope=repository%3Aautopr%3Apull", tokenRequest.RequestUri!.Query);
    }

    [Fact]
    public async Task A_missing_tag_is_null_and_loopback_registries_are_spoken_to_in_plain_http()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        using var client = new OciRegistryClient("127.0.0.1:5000", handler: handler);

        Assert.Null(await client.HeadManifestAsync("autopr", "missing"));
        Assert.Equal("http", handler.Requests[0].RequestUri!.Scheme);
    }

    [Fact]
    public async Task A_basic_challenge_without_credentials_fails_saying_to_log_in()
    {
        var handler = new ScriptedHandler(_ => Challenge("Basic realm=\"x\""));
        using var client = new OciRegistryClient("registry.example.invalid", handler: handler);

        var error = await Assert.ThrowsAsync<AutoPR.Images.DockerOperationException>(() => client.HeadManifestAsync("autopr", "v1"));

        Assert.Contains("wants credentials", error.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Manifest()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Headers.Add("Docker-Content-Digest", Digest);
        return response;
    }

    private static HttpResponseMessage Challenge(string header)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", header);
        return response;
    }

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer(request));
        }
    }
}
