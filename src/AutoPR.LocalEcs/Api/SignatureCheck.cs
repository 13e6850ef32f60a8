using System.Net;
using Microsoft.AspNetCore.Http;

namespace AutoPR.LocalEcs.Api;

/// <summary>
/// Rejects requests that are not SigV4-signed the way AWS does. The signature itself is not verified:
/// LocalEcs accepts any credentials, but a client that forgets to sign must fail here as it would on AWS.
/// </summary>
public static class SignatureCheck
{
    private const string Scheme = "AWS4-HMAC-SHA256";

    public static void Ensure(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            throw new AwsServiceException("MissingAuthenticationTokenException", "Missing Authentication Token", HttpStatusCode.BadRequest);
        }

        if (!authorization.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            throw new AwsServiceException(
                "IncompleteSignatureException",
                $"Authorization header requires the {Scheme} scheme with Credential, SignedHeaders and Signature.",
                HttpStatusCode.BadRequest);
        }

        foreach (var part in new[] { "Credential=", "SignedHeaders=", "Signature=" })
        {
            if (!authorization.Contains(part, StringComparison.Ordinal))
            {
                throw new AwsServiceException(
                    "IncompleteSignatureException",
                    $"Authorization header requires '{part.TrimEnd('=')}' parameter. Authorization={Scheme} ...",
                    HttpStatusCode.BadRequest);
            }
        }

        if (string.IsNullOrEmpty(request.Headers["X-Amz-Date"]) && string.IsNullOrEmpty(request.Headers.Date))
        {
            throw new AwsServiceException(
                "IncompleteSignatureException",
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
                HttpStatusCode.BadRequest);
        }
    }
}
