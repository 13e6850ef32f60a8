using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Aws.Retries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Ssm;

/// <summary>
/// Checks that the SSM parameters a task definition references as secrets exist and are readable, through
/// AWSSDK.SimpleSystemsManagement. Values are never decrypted (WithDecryption=false), kept, logged or printed;
/// the check runs with the deploying identity, which is not necessarily the task execution role.
/// </summary>
public sealed class SsmParameterChecker : IDisposable
{
    private readonly Func<string, IAmazonSimpleSystemsManagement> _clientForRegion;
    private readonly ConcurrentDictionary<string, IAmazonSimpleSystemsManagement> _clients = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    /// <summary>Creates a checker that gets an SSM client per region from <paramref name="clientForRegion"/> (and disposes them).</summary>
    public SsmParameterChecker(Func<string, IAmazonSimpleSystemsManagement> clientForRegion, ILogger? logger = null)
    {
        _clientForRegion = clientForRegion;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The operations the check calls (IAM: ssm:GetParameter, ssm:DescribeParameters).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
        [new(AwsService.Ssm, "GetParameter", AwsAccess.Read), new(AwsService.Ssm, "DescribeParameters", AwsAccess.Read)];

    /// <summary>A checker whose clients use the same credentials, endpoint resolution and retry settings as the JSON clients.</summary>
    public static SsmParameterChecker Create(AWSCredentials credentials, AwsEndpointSettings endpoints, AwsRetryOptions retry, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(retry);
        return new SsmParameterChecker(region => new AmazonSimpleSystemsManagementClient(credentials, new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = AwsEndpointResolver.Resolve(AwsService.Ssm, region, endpoints).ToString(),
            AuthenticationRegion = region,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = retry.MaxAttempts - 1,
            Timeout = retry.AttemptTimeout,
        }), logger);
    }

    /// <summary>Checks every secret (name to parameter ARN); the result has one entry per secret, in name order.</summary>
    public async Task<IReadOnlyList<SecretParameterCheck>> CheckAsync(IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var results = new List<SecretParameterCheck>();
        foreach (var (name, arn) in secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            results.Add(await CheckOneAsync(name, arn, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private async Task<SecretParameterCheck> CheckOneAsync(string secretName, string arn, CancellationToken cancellationToken)
    {
        var reference = SsmParameterReference.TryParse(arn, out var error);
        if (reference is null)
        {
            return new SecretParameterCheck(secretName, arn, SecretParameterStatus.InvalidReference, null,
                $"secret {secretName}: {error}; fix the ARN in the environment file's secrets");
        }

        var client = _clients.GetOrAdd(reference.Region, _clientForRegion);
        try
        {
            // WithDecryption=false: a SecureString stays encrypted, and the returned value is dropped unread.
            var response = await client.GetParameterAsync(new GetParameterRequest { Name = reference.Arn, WithDecryption = false }, cancellationToken).ConfigureAwait(false);
            var type = response.Parameter?.Type?.Value;
            _logger.LogDebug("SSM parameter {Name} for secret {Secret}: readable ({Type})", reference.Name, secretName, type);
            return new SecretParameterCheck(secretName, arn, SecretParameterStatus.Readable, type, $"secret {secretName}: ok ({type})");
        }
        catch (ParameterNotFoundException)
        {
            return new SecretParameterCheck(secretName, arn, SecretParameterStatus.Missing, null,
                $"secret {secretName}: parameter {reference.Name} does not exist in {reference.Region}; create it (aws ssm put-parameter --type SecureString --name {reference.Name} ...) or fix the ARN");
        }
        catch (AmazonSimpleSystemsManagementException ex) when (ex.ErrorCode is "AccessDeniedException" or "AccessDenied")
        {
            var exists = await ExistsAsync(client, reference, cancellationToken).ConfigureAwait(false);
            var what = exists switch
            {
                true => "exists but reading it is denied",
                false => "is not visible and reading it is denied",
                null => "cannot be read (access denied)",
            };
            return new SecretParameterCheck(secretName, arn, SecretParameterStatus.NotReadable, null,
                $"secret {secretName}: parameter {reference.Name} {what}; allow ssm:GetParameters on {reference.Arn} (and kms:Decrypt for SecureString) to the deploying identity and the task execution role");
        }
        catch (AmazonServiceException ex)
        {
            // Anything else (throttling after the SDK's retries, 5xx) surfaces as the library's one AWS exception type.
            throw new AwsServiceException(AwsService.Ssm.Id, "GetParameter", ex.ErrorCode ?? "Unknown", ex.Message, ex.RequestId,
                ex.StatusCode, AwsRetryClassifier.IsRetryable(ex.ErrorCode ?? string.Empty, ex.StatusCode), ex);
        }
    }

    // DescribeParameters tells "exists but denied" from "missing" when GetParameter is denied; null when that is denied too.
    private async Task<bool?> ExistsAsync(IAmazonSimpleSystemsManagement client, SsmParameterReference reference, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.DescribeParametersAsync(new DescribeParametersRequest
            {
                ParameterFilters = [new ParameterStringFilter { Key = "Name", Option = "Equals", Values = [reference.Name] }],
            }, cancellationToken).ConfigureAwait(false);
            return response.Parameters is { Count: > 0 };
        }
        catch (AmazonSimpleSystemsManagementException ex)
        {
            _logger.LogDebug("DescribeParameters for {Name} failed: {Code}", reference.Name, ex.ErrorCode);
            return null;
        }
    }
}
