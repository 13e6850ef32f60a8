using System.Net;
using System.Net.Http.Headers;
using System.Xml;
using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Aws.Retries;

namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// Turns a Query-protocol error (&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;)
/// into an <see cref="AwsServiceException"/>, classified for retries like the JSON errors (Throttling is retried).
/// </summary>
public static class AwsQueryErrorParser
{
    /// <summary>Builds the exception for a non-success response.</summary>
    public static AwsServiceException Parse(AwsOperation operation, HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(headers);
        string? code = null;
        string? message = null;
        string? requestId = null;
        if (!string.IsNullOrWhiteSpace(body) && body.TrimStart()[0] == '<')
        {
            try
            {
                var root = XmlRead.Parse(body);
                var error = root.Name.LocalName == "Error" ? root : XmlRead.Child(root, "Error") ?? XmlRead.Child(XmlRead.Child(root, "Errors"), "Error");
                code = NonEmpty(XmlRead.GetString(error, "Code"));
                message = NonEmpty(XmlRead.GetString(error, "Message"));
                requestId = NonEmpty(XmlRead.GetString(root, "RequestId") ?? XmlRead.GetString(root, "RequestID"));
            }
            catch (XmlException)
            {
                // Not XML after all (a proxy's page): the status and raw text still make the error.
            }
        }

        code ??= FallbackCode(status);
        message ??= string.IsNullOrWhiteSpace(body) ? status.ToString() : Truncate(OneLine(body), 300);
        requestId ??= headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        return new AwsServiceException(
            operation.Service.Id,
            operation.Name,
            code.Trim(),
            SecretScrubber.Scrub(OneLine(message)),
            requestId,
            status,
            AwsRetryClassifier.IsRetryable(code.Trim(), status),
            null);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string FallbackCode(HttpStatusCode status) => (int)status switch
    {
        429 => "TooManyRequestsException",
        503 => "ServiceUnavailable",
        >= 500 => "InternalFailure",
        _ => "HttpStatus" + (int)status,
    };

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
