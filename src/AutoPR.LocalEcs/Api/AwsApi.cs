using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Api;

/// <summary>One operation of an AWS JSON API: reads the request body, returns the response body.</summary>
public delegate Task<JsonObject> AwsOperationHandler(JsonArgs request, CancellationToken cancellationToken);

/// <summary>An AWS JSON API served on the shared port, selected by the X-Amz-Target prefix.</summary>
/// <param name="Name">Short service name (ecs, ecr, monitoring) used by fault rules.</param>
/// <param name="TargetPrefix">The part of X-Amz-Target before the dot.</param>
/// <param name="ContentType">application/x-amz-json-1.1 or 1.0.</param>
/// <param name="InvalidParameterCode">Error code this service uses for bad input.</param>
public sealed record AwsApi(
    string Name,
    string TargetPrefix,
    string ContentType,
    string InvalidParameterCode,
    IReadOnlyDictionary<string, AwsOperationHandler> Operations);
