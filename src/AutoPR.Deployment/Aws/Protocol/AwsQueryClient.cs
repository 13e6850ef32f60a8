using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AutoPR.Deployment.Aws.Protocol;

/// <summary>
/// The AWS Query protocol (RDS): POST / with the form body Action=&lt;Op&gt;&amp;Version=&lt;api version&gt;&amp;...,
/// an XML answer. It sends through <see cref="AwsJsonClient"/>'s request path, so signing, endpoints, retries,
/// timeouts, logging and the read-only refusal are the same ones.
/// </summary>
public sealed class AwsQueryClient(AwsJsonClient core)
{
    /// <summary>The content type of a Query request.</summary>
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>
    /// Sends one request with the fields in the order given (after Action and Version) and returns the
    /// &lt;Op&gt;Result element of the answer (an empty one when the answer has none).
    /// </summary>
    public Task<XElement> SendAsync(AwsOperation operation, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(fields);
        var version = operation.Service.QueryVersion
            ?? throw new ArgumentException($"{operation.Service.Id} does not speak the Query protocol", nameof(operation));
        var body = Encoding.UTF8.GetBytes(FormBody(operation.Name, version, fields));
        return core.SendAsync(operation, new AwsWireRequest(body, ContentType, null), AwsQueryErrorParser.Parse, ParseResult, cancellationToken);
    }

    /// <summary>The form body: Action, Version, then the fields, each name and value percent-encoded (RFC 3986).</summary>
    public static string FormBody(string action, string version, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var all = new[] { KeyValuePair.Create("Action", action), KeyValuePair.Create("Version", version) }.Concat(fields);
        return string.Join('&', all.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
    }

    private static XElement ParseResult(AwsOperation operation, string text, string? requestId)
    {
        var empty = new XElement(operation.Name + "Result");
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        try
        {
            var root = XmlRead.Parse(text);
            return XmlRead.Child(root, operation.Name + "Result") ?? empty;
        }
        catch (XmlException ex)
        {
            throw new AwsServiceException(operation.Service.Id, operation.Name, "InvalidResponse",
                "the response is not XML: " + ex.Message, requestId, System.Net.HttpStatusCode.OK, false, ex);
        }
    }
}
