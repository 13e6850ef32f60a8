using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Aws.Retries;

namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// Turns an AWS JSON error response into an <see cref="AwsServiceException"/>: the code from the body's
/// __type (with or without "namespace#") or the x-amzn-ErrorType header ("Code:uri"), the message from
/// message/Message, the request id from x-amzn-RequestId.
/// </summary>
public static class AwsErrorParser
{
    /// <summary>Builds the exception for a non-success response.</summary>
    public static AwsServiceException Parse(AwsOperation operation, HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(headers);
        string? code = null;
        string? message = null;
        ReadBody(body, ref code, ref message);

        code ??= HeaderValue(headers, "x-amzn-ErrorType");
        code = code is null ? FallbackCode(status) : NormalizeCode(code);
        message ??= string.IsNullOrWhiteSpace(body) ? status.ToString() : Truncate(OneLine(body), 300);
        var requestId = HeaderValue(headers, "x-amzn-RequestId") ?? HeaderValue(headers, "x-amz-request-id");
        return new AwsServiceException(
            operation.Service.Id,
            operation.Name,
            code,
            SecretScrubber.Scrub(message),
            requestId,
            status,
            AwsRetryClassifier.IsRetryable(code, status),
            null);
    }

    /// <summary>
    /// "com.amazonaws.ecs#ClientException" -> "ClientException"; "ThrottlingException:http://internal.amazon.com/..."
    /// -> "ThrottlingException".
    /// </summary>
    public static string NormalizeCode(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var code = raw.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code;
    }

    private static void ReadBody(string body, ref string? code, ref string? message)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                switch (property.Name)
                {
                    case "__type":
                    case "code":
                    case "Code":
                        code ??= property.Value.GetString();
                        break;
                    case "message":
                    case "Message":
                    case "errorMessage":
                        message ??= property.Value.GetString();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all (a proxy's HTML page): the status and raw text still make the error.
        }
    }

    private static string FallbackCode(HttpStatusCode status) => (int)status switch
    {
        429 => "TooManyRequestsException",
        503 => "ServiceUnavailable",
        >= 500 => "InternalFailure",
        _ => "HttpStatus" + (int)status,
    };

    private static string? HeaderValue(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) : null;

    // An HTML error page from a proxy must not break the one-line error message.
    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
