using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>
/// A minimal AWS JSON client for tests: sends a SigV4-shaped Authorization header (LocalEcs checks its
/// shape, not the signature) and returns the parsed body, throwing on AWS errors.
/// </summary>
public sealed class AwsJsonClient(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };

    public Task<JsonObject> EcsAsync(string operation, string json) => CallAsync("AmazonEC2ContainerServiceV20141113." + operation, json);

    public Task<JsonObject> CallLogsAsync(string operation, string json) => CallAsync("Logs_20140328." + operation, json);

    public Task<JsonObject> CloudWatchAsync(string operation, string json) => CallAsync("GraniteServiceVersion20100801." + operation, json);

    public async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> SendRawAsync(string target, string json, bool withSignature = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", target);
        if (withSignature)
        {
            var date = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            request.Headers.Add("X-Amz-Date", date);
            request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=test/{date[..8]}/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00");
        }

        var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return ((int)response.StatusCode, body, response);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> CallAsync(string target, string json)
    {
        var (status, body, response) = await SendRawAsync(target, json);
        using (response)
        {
            if (status != 200)
            {
                throw new InvalidOperationException($"{target} failed with {status}: {body.ToJsonString()}");
            }

            return body;
        }
    }
}
