using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ssm;

/// <summary>
/// SSM parameters over AWS JSON 1.1 (AmazonSSM). A value is a secret: it travels only in request and response
/// bodies, which the connection never logs, and it is cut out of any error message the service sends back.
/// </summary>
public sealed class SsmClient(AwsJsonClient core)
{
    private const string Redacted = "[redacted]";

    /// <summary>The operations a deployment calls (for the deploy role); PutParameter and DeleteParameter are in <see cref="SsmOperations.ParameterWrites"/>.</summary>
    public static IReadOnlyList<AwsOperation> Operations => SsmOperations.All;

    /// <summary>PutParameter; returns the new version. Without <paramref name="overwrite"/> an existing name fails with ParameterAlreadyExists.</summary>
    public async Task<long> PutParameterAsync(
        string name,
        string value,
        SsmParameterType type,
        bool overwrite = false,
        string? description = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        var request = new JsonObject
        {
            ["Name"] = name,
            ["Value"] = value,
            ["Type"] = type.ToString(),
            ["Overwrite"] = overwrite,
        }.With("Description", description);
        try
        {
            var response = await core.SendAsync(SsmOperations.PutParameter, request, cancellationToken).ConfigureAwait(false);
            return (long)(JsonRead.GetNumber(response, "Version") ?? 0);
        }
        catch (AwsServiceException ex) when (value.Length > 0 && ex.Message.Contains(value, StringComparison.Ordinal))
        {
            throw WithoutValue(ex, value);
        }
    }

    /// <summary>
    /// GetParameter (a name or an ARN). With <paramref name="withDecryption"/> a SecureString comes back decrypted
    /// (the caller needs kms:Decrypt); without, its value is the ciphertext. A missing name fails with ParameterNotFound.
    /// </summary>
    public async Task<SsmParameter> GetParameterAsync(string name, bool withDecryption = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = new JsonObject { ["Name"] = name, ["WithDecryption"] = withDecryption };
        var response = await core.SendAsync(SsmOperations.GetParameter, request, cancellationToken).ConfigureAwait(false);
        var parameter = JsonRead.GetObject(response, "Parameter");
        return new SsmParameter(
            JsonRead.GetString(parameter, "Name") ?? name,
            JsonRead.GetString(parameter, "Value") ?? string.Empty,
            JsonRead.GetString(parameter, "Type") ?? string.Empty,
            (long)(JsonRead.GetNumber(parameter, "Version") ?? 0),
            JsonRead.GetString(parameter, "ARN"));
    }

    /// <summary>DeleteParameter; a missing name fails with ParameterNotFound.</summary>
    public async Task DeleteParameterAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await core.SendAsync(SsmOperations.DeleteParameter, new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
    }

    // A validation error may quote what it rejected; the value must not reach a log through the exception.
    private static AwsServiceException WithoutValue(AwsServiceException ex, string value) =>
        new(ex.Service, ex.Operation, ex.ErrorCode, ex.ErrorMessage.Replace(value, Redacted, StringComparison.Ordinal),
            ex.RequestId, ex.StatusCode, ex.IsRetryable, null);
}
