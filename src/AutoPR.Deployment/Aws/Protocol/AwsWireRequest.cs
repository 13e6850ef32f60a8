namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// One encoded request body with its content type and, for the JSON protocols, its X-Amz-Target (null for the
/// Query protocol, whose Action travels in the body).
/// </summary>
internal sealed record AwsWireRequest(byte[] Body, string ContentType, string? Target);
