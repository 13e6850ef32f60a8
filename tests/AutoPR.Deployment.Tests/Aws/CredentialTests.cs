using Amazon.Runtime;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>Credentials through AWSSDK.Core's default chain; these change process variables, so they run alone.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class CredentialTests : IDisposable
{
    private const string PlantedSecret = "pLaNtEdSeCrEt0123456789abcdefGHIJKLMNOPQR";
    private const string PlantedToken = "pLaNtEdToKeN0123456789abcdefGHIJKLMNOPQRstuvwxyz";
    private readonly string _empty = Directory.CreateTempSubdirectory("autopr-aws-").FullName;

    [Fact]
    public async Task Missing_credentials_are_one_line_naming_what_was_tried_without_any_secret()
    {
        // A half-configured environment: a secret and a token but no key id, so the chain must move on and fail.
        using var scope = ProcessEnvironment.Set(NoCredentials(new Dictionary<string, string?>
        {
            ["AWS_SECRET_ACCESS_KEY"] = PlantedSecret,
            ["AWS_SESSION_TOKEN"] = PlantedToken,
        }));

        var error = await Assert.ThrowsAsync<AwsConfigurationException>(() => new AwsCredentialResolver().ResolveAsync(AwsCredentialMode.Default, CancellationToken.None));

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("No AWS credentials found: tried ", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN)", error.Message, StringComparison.Ordinal);
        Assert.Contains("profile 'autopr-test-nobody'", error.Message, StringComparison.Ordinal);
        Assert.Contains("container credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_variable_credentials_are_found_by_the_default_chain()
    {
        using var scope = ProcessEnvironment.Set(NoCredentials(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDFROMENVIRONMENT1",
            ["AWS_SECRET_ACCESS_KEY"] = PlantedSecret,
            ["AWS_SESSION_TOKEN"] = PlantedToken,
        }));

        var credentials = await new AwsCredentialResolver().ResolveAsync(AwsCredentialMode.Default, CancellationToken.None);
        var keys = await credentials.GetCredentialsAsync();

        Assert.Equal("AKIDFROMENVIRONMENT1", keys.AccessKey);
        Assert.Equal(PlantedToken, keys.Token);
    }

    [Fact]
    public async Task Local_mode_uses_the_fixed_stand_in_keys_without_asking_the_chain()
    {
        using var scope = ProcessEnvironment.Set(NoCredentials(new Dictionary<string, string?>()));

        var credentials = await new AwsCredentialResolver().ResolveAsync(AwsCredentialMode.Local, CancellationToken.None);

        Assert.Same(AwsCredentialResolver.LocalStandIn, credentials);
        Assert.Equal("AKIDAUTOPRLOCAL", (await credentials.GetCredentialsAsync()).AccessKey);
    }

    public void Dispose() => Directory.Delete(_empty, recursive: true);

    /// <summary>Every credential source of the chain switched off (IMDS included: no traffic to its link-local address).</summary>
    private Dictionary<string, string?> NoCredentials(Dictionary<string, string?> extra)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = "autopr-test-nobody",
            ["AWS_DEFAULT_PROFILE"] = null,
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_empty, "no-credentials"),
            ["AWS_CONFIG_FILE"] = Path.Combine(_empty, "no-config"),
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
            ["AWS_ROLE_ARN"] = null,
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }
}
