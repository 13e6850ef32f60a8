using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>A request as it left the signing handler (headers included), for assertions.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Target => Headers.TryGetValue("X-Amz-Target", out var t) ? t : string.Empty;

    public string Operation => Target[(Target.IndexOf('.', StringComparison.Ordinal) + 1)..];

    public string TargetPrefix => Target[..Math.Max(0, Target.IndexOf('.', StringComparison.Ordinal))];

    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : string.Empty;
}

/// <summary>
/// An in-process transport under the signer: records every request and answers through a script, so tests of
/// request shapes and retries need no network and no clock.
/// </summary>
public sealed class RecordingHandler(Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public RecordingHandler(Func<RecordedRequest, int, HttpResponseMessage> respond)
        : this((request, index, _) => Task.FromResult(respond(request, index)))
    {
    }

    /// <summary>Raised after a request is recorded, before it is answered.</summary>
    public event Action<RecordedRequest>? Received;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        int index;
        lock (_requests)
        {
            _requests.Add(recorded);
            index = _requests.Count - 1;
        }

        Received?.Invoke(recorded);
        return await respond(recorded, index, cancellationToken);
    }
}
