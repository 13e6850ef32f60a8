using System.Net;

namespace AutoPR.Deployment.Aws;

/// <summary>
/// An AWS call failed: the service answered with an error, or the transport failed on every attempt. Carries
/// what a user or a retry policy needs; the message never contains credentials.
/// </summary>
public class AwsServiceException : Exception
{
    /// <summary>Error code of transport failures (connection refused, reset, DNS) after the last attempt.</summary>
    public const string TransportErrorCode = "TransportError";

    /// <summary>Error code of an attempt or call that exceeded its timeout.</summary>
    public const string TimeoutErrorCode = "RequestTimeout";

    /// <summary>Creates the exception (prefer the detailed constructor).</summary>
    public AwsServiceException()
        : this("unknown", "unknown", "Unknown", "unknown error", null, null, false, null)
    {
    }

    /// <summary>Creates the exception with a message only (prefer the detailed constructor).</summary>
    public AwsServiceException(string message)
        : this("unknown", "unknown", "Unknown", message, null, null, false, null)
    {
    }

    /// <summary>Creates the exception with a message and cause (prefer the detailed constructor).</summary>
    public AwsServiceException(string message, Exception innerException)
        : this("unknown", "unknown", "Unknown", message, null, null, false, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AwsServiceException(
        string service,
        string operation,
        string errorCode,
        string errorMessage,
        string? requestId,
        HttpStatusCode? statusCode,
        bool isRetryable,
        Exception? innerException)
        : base(Format(service, operation, errorCode, errorMessage, requestId, statusCode), innerException)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        StatusCode = statusCode;
        IsRetryable = isRetryable;
    }

    /// <summary>The service id ("ecs", "ecr", "cloudwatch").</summary>
    public string Service { get; }

    /// <summary>The operation name ("UpdateService").</summary>
    public string Operation { get; }

    /// <summary>The AWS error code without namespace ("ServiceNotFoundException"), or <see cref="TransportErrorCode"/> / <see cref="TimeoutErrorCode"/>.</summary>
    public string ErrorCode { get; }

    /// <summary>The service's message, as sent.</summary>
    public string ErrorMessage { get; }

    /// <summary>The x-amzn-RequestId of the failed response, for AWS support.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether a retry may succeed (throttling, 5xx, transient network failure, timeout).</summary>
    public bool IsRetryable { get; }

    private static string Format(string service, string operation, string code, string message, string? requestId, HttpStatusCode? status)
    {
        var statusText = status is null ? "no response" : "HTTP " + (int)status.Value;
        var request = requestId is null ? string.Empty : $", request id {requestId}";
        return $"{service}:{operation} failed: {code}: {message} ({statusText}{request})";
    }
}
