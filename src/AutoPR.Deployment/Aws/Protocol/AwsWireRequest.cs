namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// One encoded request: for the JSON protocols a POST body with its content type and X-Amz-Target (null for the
/// Query protocol, whose Action travels in the body); for a REST call (S3 GetObject) a GET with no body, whose
/// address <see cref="Address"/> makes from the service endpoint.
/// </summary>
internal sealed record AwsWireRequest(byte[] Body, string ContentType, string? Target)
{
    /// <summary>The HTTP method (POST for the JSON and Query protocols).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    /// <summary>Turns the service endpoint into the request's address; null sends to the endpoint itself.</summary>
    public Func<Uri, Uri>? Address { get; init; }
}
