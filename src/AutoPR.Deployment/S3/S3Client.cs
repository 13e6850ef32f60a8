using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.S3;

/// <summary>
/// Amazon S3's GetObject (REST), through the same signed, retrying path as every other call. Errors are
/// <see cref="AwsServiceException"/>s with S3's codes (NoSuchKey, NoSuchBucket, AccessDenied).
/// </summary>
public sealed class S3Client(AwsJsonClient core)
{
    /// <summary>Every operation this client calls (for the deployer's IAM policy).</summary>
    public static IReadOnlyList<AwsOperation> Operations => S3Operations.All;

    /// <summary>The object's content as text (UTF-8).</summary>
    public Task<string> GetObjectTextAsync(S3ObjectLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var request = new AwsWireRequest([], string.Empty, null)
        {
            Method = HttpMethod.Get,
            Address = endpoint => Address(endpoint, location),
        };
        return core.SendAsync(S3Operations.GetObject, request, AwsQueryErrorParser.Parse, static (_, text, _) => text, cancellationToken);
    }

    /// <summary>
    /// Virtual-hosted style (bucket.s3.region.amazonaws.com/key) on AWS's own endpoints, as AWS asks; path style
    /// (endpoint/bucket/key) on a configured endpoint (a stand-in on loopback has no bucket host names) and for
    /// bucket names with dots, which TLS certificates of the virtual hosts do not cover.
    /// </summary>
    internal static Uri Address(Uri endpoint, S3ObjectLocation location)
    {
        var key = string.Join('/', location.Key.Split('/').Select(Uri.EscapeDataString));
        var awsHost = endpoint.Host.StartsWith("s3.", StringComparison.Ordinal) || endpoint.Host.StartsWith("s3-fips.", StringComparison.Ordinal);
        if (awsHost && !location.Bucket.Contains('.', StringComparison.Ordinal))
        {
            return new UriBuilder(endpoint) { Host = location.Bucket + "." + endpoint.Host, Path = "/" + key }.Uri;
        }

        return new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + Uri.EscapeDataString(location.Bucket) + "/" + key);
    }
}
