using System.Collections.Frozen;
using System.Net;

namespace AutoPR.Deployment.Aws.Retries;

/// <summary>Which AWS errors a retry may cure (the standard retry mode's lists, minus quota errors).</summary>
public static class AwsRetryClassifier
{
    /// <summary>Throttling codes: the service asks the caller to slow down.</summary>
    public static readonly FrozenSet<string> ThrottlingCodes = new[]
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Transient codes: the service failed on its side or the request timed out.</summary>
    public static readonly FrozenSet<string> TransientCodes = new[]
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "ServiceUnavailable", "ServiceUnavailableException", "ServerException",
        AwsServiceException.TransportErrorCode, AwsServiceException.TimeoutErrorCode,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether an error is worth retrying: a throttling or transient code, HTTP 429, or any 5xx. Quota errors
    /// such as LimitExceededException are not: a retry cannot raise a quota and only delays the real message.
    /// </summary>
    public static bool IsRetryable(string code, HttpStatusCode? status)
    {
        if (ThrottlingCodes.Contains(code) || TransientCodes.Contains(code))
        {
            return true;
        }

        return status is { } s && ((int)s == 429 || (int)s >= 500);
    }

    /// <summary>Whether an error is throttling (as opposed to a transient failure).</summary>
    public static bool IsThrottling(string code, HttpStatusCode? status) =>
        ThrottlingCodes.Contains(code) || (status is { } s && (int)s == 429);
}
