using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Api;

/// <summary>
/// The single POST / endpoint of the AWS JSON protocols: dispatches on X-Amz-Target, checks the signature
/// header, applies API faults, and writes results and errors in AWS's shape.
/// </summary>
public sealed class AwsJsonEndpoint
{
    private readonly Dictionary<string, AwsApi> _apis;
    private readonly ApiFaults _faults;
    private readonly ILogger _logger;

    public AwsJsonEndpoint(IEnumerable<AwsApi> apis, ApiFaults faults, ILogger<AwsJsonEndpoint> logger)
    {
        _apis = apis.ToDictionary(a => a.TargetPrefix, StringComparer.Ordinal);
        _faults = faults;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var (api, operation) = Resolve(target);
        var contentType = api?.ContentType ?? "application/x-amz-json-1.1";
        try
        {
            if (api is null || operation is null)
            {
                throw new AwsServiceException("UnknownOperationException", $"Unknown operation '{target}'.");
            }

            SignatureCheck.Ensure(context.Request);
            _faults.Apply(api.Name, target[(api.TargetPrefix.Length + 1)..]);
            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            var result = await operation(new JsonArgs(body, api.InvalidParameterCode), context.RequestAborted);
            await WriteAsync(context.Response, HttpStatusCode.OK, contentType, result, context.RequestAborted);
        }
        catch (AwsServiceException error)
        {
            _logger.LogInformation("{Target} failed: {Code} {Message}", target, error.Code, error.Message);
            context.Response.Headers["x-amzn-ErrorType"] = error.Code;
            var body = new JsonObject { ["__type"] = error.Code, ["message"] = error.Message };
            await WriteAsync(context.Response, error.Status, contentType, body, context.RequestAborted);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _logger.LogError(error, "{Target} failed unexpectedly", target);
            context.Response.Headers["x-amzn-ErrorType"] = "InternalFailure";
            var body = new JsonObject { ["__type"] = "InternalFailure", ["message"] = error.Message };
            await WriteAsync(context.Response, HttpStatusCode.InternalServerError, contentType, body, context.RequestAborted);
        }
    }

    private (AwsApi? Api, AwsOperationHandler? Operation) Resolve(string target)
    {
        var dot = target.LastIndexOf('.');
        if (dot <= 0 || !_apis.TryGetValue(target[..dot], out var api))
        {
            return (null, null);
        }

        return (api, api.Operations.GetValueOrDefault(target[(dot + 1)..]));
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node as JsonObject ?? throw new AwsServiceException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            if (request.ContentLength is null or 0)
            {
                return [];
            }

            throw new AwsServiceException("SerializationException", "The request body is not valid JSON.");
        }
    }

    private static async Task WriteAsync(HttpResponse response, HttpStatusCode status, string contentType, JsonObject body, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        await response.WriteAsync(JsonCleanup.RemoveNulls(body).ToJsonString(), cancellationToken);
    }
}
