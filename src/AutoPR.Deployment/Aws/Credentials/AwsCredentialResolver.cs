using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Util;

namespace AutoPR.Deployment.Aws.Credentials;

/// <summary>
/// Resolves credentials through AWSSDK.Core's <see cref="DefaultAWSCredentialsIdentityResolver"/> and turns
/// "nothing found" into one line that names every source tried. Keys and tokens never reach a message.
/// </summary>
public sealed class AwsCredentialResolver
{
    /// <summary>The non-secret keys used for a local stand-in (<see cref="AwsCredentialMode.Local"/>).</summary>
    public static AWSCredentials LocalStandIn { get; } = new BasicAWSCredentials("AKIDAUTOPRLOCAL", "autopr-local-stand-in-not-a-secret");

    private readonly Func<string, string?> _getVariable;

    /// <summary>Creates a resolver that reads environment variables through <paramref name="getVariable"/> (for the error text only).</summary>
    public AwsCredentialResolver(Func<string, string?>? getVariable = null)
    {
        _getVariable = getVariable ?? Environment.GetEnvironmentVariable;
        AwsSdkRuntimeDependencies.Register();
    }

    /// <summary>Credentials for <paramref name="mode"/>; the default chain is asked once and its result checked.</summary>
    public async Task<AWSCredentials> ResolveAsync(AwsCredentialMode mode, CancellationToken cancellationToken)
    {
        if (mode == AwsCredentialMode.Local)
        {
            return LocalStandIn;
        }

        AWSCredentials credentials;
        using (var chain = new DefaultAWSCredentialsIdentityResolver())
        {
            try
            {
                credentials = await chain.ResolveIdentityAsync(null!, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                throw new AwsConfigurationException(NothingFoundMessage(), ex);
            }
        }

        if (credentials is null or AnonymousAWSCredentials)
        {
            throw new AwsConfigurationException(NothingFoundMessage());
        }

        try
        {
            // A source was found (for example an SSO profile); make sure it really yields keys now, not on the first call.
            var keys = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            if (string.IsNullOrEmpty(keys?.AccessKey) || string.IsNullOrEmpty(keys.SecretKey))
            {
                throw new AwsConfigurationException(NothingFoundMessage());
            }
        }
        catch (Exception ex) when (ex is not AwsConfigurationException and not OperationCanceledException)
        {
            throw new AwsConfigurationException(
                $"AWS credentials were found ({credentials.GetType().Name}) but could not be obtained: {SecretScrubber.FirstLine(ex.Message)} Fix: refresh them (for SSO: aws sso login --profile {AwsRegionResolver.ProfileName(_getVariable)}).",
                ex);
        }

        return credentials;
    }

    /// <summary>The one-line "no credentials" message: every source the default chain tries, and how to fix it.</summary>
    internal string NothingFoundMessage()
    {
        var profile = AwsRegionResolver.ProfileName(_getVariable);
        var credentialsFile = _getVariable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials";
        var configFile = _getVariable("AWS_CONFIG_FILE") ?? "~/.aws/config";
        var imds = string.Equals(_getVariable(EC2InstanceMetadata.AWS_EC2_METADATA_DISABLED), "true", StringComparison.OrdinalIgnoreCase)
            ? "EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"
            : "EC2 instance metadata";
        return "No AWS credentials found: tried environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, " +
               "web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN), " +
               $"profile '{profile}' in {credentialsFile} and {configFile} (keys, SSO, assume role, credential_process), " +
               $"container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI), {imds}. " +
               "Fix: set AWS_PROFILE to a configured profile (aws sso login for SSO), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use web identity in CI.";
    }
}
