using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime.Signing;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Aws.Retries;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// The one place every AWS request goes through: POST / with X-Amz-Target and the protocol's content type (or a
/// REST GET, S3's GetObject),
/// signed by AWSSDK.Core's <see cref="SigV4SigningHandler"/>, retried by the Polly pipeline, errors parsed into
/// <see cref="AwsServiceException"/>. Request documents are sent exactly as given. <see cref="AwsQueryClient"/>
/// sends the Query protocol (RDS) through the same path.
/// </summary>
public sealed class AwsJsonClient : IDisposable
{
    private readonly AwsConnectionOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly ConcurrentDictionary<AwsService, Uri> _endpoints = new();

    private const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Creates the client; the HTTP transport is owned (disposed) by it.</summary>
    public AwsJsonClient(AwsConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var signing = new AWSSigV4Parameters
        {
            Credentials = options.Credentials,
            Region = RegionEndpoint.GetBySystemName(options.Region),
            Service = AwsService.Ecs.SigningName,
            SignedAt = options.FixedSigningTime,
        };
        var transport = options.Transport ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

        // Retries sit above the signer (in the pipeline), so every attempt is signed afresh.
        _http = new HttpClient(new SigV4SigningHandler(signing, transport)) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = AwsRetryPipeline.Build(options.Retry, options.Time, OnRetry);
    }

    /// <summary>Raised before a failed attempt is retried (for live progress output).</summary>
    public event EventHandler<AwsRetryEventArgs>? Retrying;

    /// <summary>The region requests are signed for.</summary>
    public string Region => _options.Region;

    /// <summary>The endpoint a service's requests go to.</summary>
    public Uri EndpointFor(AwsService service) =>
        _endpoints.GetOrAdd(service, s => AwsEndpointResolver.Resolve(s, _options.Region, _options.Endpoints));

    /// <summary>Sends one request and returns the response document (an empty object for an empty body).</summary>
    public async Task<JsonObject> SendAsync(AwsOperation operation, JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(request);
        var wire = new AwsWireRequest(Encoding.UTF8.GetBytes(request.ToJsonString()), operation.Service.ContentType, operation.Target);
        return await SendAsync(operation, wire, AwsErrorParser.Parse, ParseResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The request path every protocol shares: the read-only check, endpoint, signing, retries and timeouts, and
    /// logging (never bodies). <paramref name="parseError"/> turns a non-success answer into the exception,
    /// <paramref name="parseResponse"/> reads a success (the text and the request id).
    /// </summary>
    internal async Task<T> SendAsync<T>(
        AwsOperation operation,
        AwsWireRequest request,
        Func<AwsOperation, HttpStatusCode, HttpResponseHeaders, string, AwsServiceException> parseError,
        Func<AwsOperation, string, string?, T> parseResponse,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(request);
        if (_options.ReadOnly && operation.Access != AwsAccess.Read)
        {
            throw new ReadOnlyViolationException(operation);
        }

        var endpoint = EndpointFor(operation.Service);
        var invocationId = Guid.NewGuid().ToString();
        var attempt = 0;

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AwsRetryPipeline.OperationKey, operation);
        try
        {
            return await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    var text = await SendOnceAsync(operation, endpoint, request, parseError, invocationId, ++attempt, ctx.CancellationToken).ConfigureAwait(false);
                    return parseResponse(operation, text.Body, text.RequestId);
                },
                context).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new AwsServiceException(operation.Service.Id, operation.Name, AwsServiceException.TimeoutErrorCode,
                $"no answer from {endpoint.Host} within the timeout after {attempt} attempt(s)", null, null, true, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Sends a list request until the service returns no next token, yielding each page. The caller's document is
    /// not changed (the token is set on a copy).
    /// </summary>
    public async IAsyncEnumerable<JsonObject> PaginateAsync(
        AwsOperation operation,
        JsonObject request,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        string inputToken = "nextToken",
        string outputToken = "nextToken")
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = (JsonObject)request.DeepClone();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var response = await SendAsync(operation, page, cancellationToken).ConfigureAwait(false);
            yield return response;
            var next = response[outputToken]?.GetValue<string>();
            if (string.IsNullOrEmpty(next))
            {
                yield break;
            }

            // A service that hands back a token it already gave would loop forever.
            if (!seen.Add(next))
            {
                throw new AwsServiceException(operation.Service.Id, operation.Name, "RepeatedNextToken",
                    "the service returned the same next token twice", null, null, false, null);
            }

            page[inputToken] = next;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<(string Body, string? RequestId)> SendOnceAsync(
        AwsOperation operation,
        Uri endpoint,
        AwsWireRequest request,
        Func<AwsOperation, HttpStatusCode, HttpResponseHeaders, string, AwsServiceException> parseError,
        string invocationId,
        int attempt,
        CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Address?.Invoke(endpoint) ?? endpoint);
        if (request.Method == HttpMethod.Get)
        {
            // S3 wants the payload hash; an empty body's is fixed.
            message.Headers.TryAddWithoutValidation("x-amz-content-sha256", EmptyPayloadSha256);
        }
        else
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        if (request.Target is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Target", request.Target);
        }

        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", invocationId);
        message.Headers.TryAddWithoutValidation("amz-sdk-request", string.Create(CultureInfo.InvariantCulture, $"attempt={attempt}; max={_options.Retry.MaxAttempts}"));
        message.Options.Set(new HttpRequestOptionsKey<string>(SigV4SigningHandler.ServiceOptionKey), operation.Service.SigningName);
        message.Options.Set(new HttpRequestOptionsKey<string>(SigV4SigningHandler.RegionOptionKey), _options.Region);

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            _options.Logger.LogDebug("{Action} attempt {Attempt}: transport failure {Error}", operation.IamAction, attempt, ex.Message);
            throw new AwsServiceException(operation.Service.Id, operation.Name, AwsServiceException.TransportErrorCode,
                $"could not reach {endpoint.GetLeftPart(UriPartial.Authority)}: {ex.Message}", null, null, true, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            _options.Logger.LogDebug("{Action} attempt {Attempt}: HTTP {Status} in {Elapsed} ms (request id {RequestId})",
                operation.IamAction, attempt, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
            if (!response.IsSuccessStatusCode)
            {
                throw parseError(operation, response.StatusCode, response.Headers, text);
            }

            return (text, requestId);
        }
    }

    private static JsonObject ParseResponse(AwsOperation operation, string text, string? requestId)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new JsonException("the document is not an object");
        }
        catch (JsonException ex)
        {
            throw new AwsServiceException(operation.Service.Id, operation.Name, "InvalidResponse",
                "the response is not a JSON object: " + ex.Message, requestId, HttpStatusCode.OK, false, ex);
        }
    }

    private void OnRetry(AwsRetryEventArgs args)
    {
        _options.Logger.LogWarning("{Action} attempt {Attempt}/{Max} failed with {Error}; retrying in {Delay} ms",
            args.Operation.IamAction, args.FailedAttempt, args.MaxAttempts, args.ErrorCode, (long)args.Delay.TotalMilliseconds);
        Retrying?.Invoke(this, args);
    }
}
