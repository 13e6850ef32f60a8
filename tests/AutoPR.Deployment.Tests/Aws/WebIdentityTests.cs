using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>
/// The GitHub Actions OIDC path: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN make the default chain call STS
/// AssumeRoleWithWebIdentity (through AWSSDK.SecurityToken), answered here by moto_server on loopback.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class WebIdentityTests : IClassFixture<MotoServerFixture>, IDisposable
{
    private readonly MotoServerFixture _moto;
    private readonly string _directory = Directory.CreateTempSubdirectory("autopr-oidc-").FullName;

    public WebIdentityTests(MotoServerFixture moto) => _moto = moto;

    [Fact]
    public async Task Web_identity_credentials_come_from_sts_assume_role_with_web_identity()
    {
        var tokenFile = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmF1dG9wci9kZXBsb3k6cmVmOnJlZnMvaGVhZHMvbWFpbiJ9.c2lnbmF0dXJl");
        using var scope = ProcessEnvironment.Set(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = "autopr-test-nobody",
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile,
            ["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/autopr-deployer",
            ["AWS_ROLE_SESSION_NAME"] = "autopr-ci",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
            ["AWS_EC2_METADATA_DISABLED"] = "true",

            // Every SDK client of this test, STS included, talks to moto on loopback and nowhere else.
            ["AWS_ENDPOINT_URL_STS"] = _moto.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL"] = _moto.Endpoint.ToString(),
        });

        var credentials = await new AwsCredentialResolver().ResolveAsync(AwsCredentialMode.Default, CancellationToken.None);
        var keys = await credentials.GetCredentialsAsync();

        Assert.Equal("AssumeRoleWithWebIdentityCredentials", credentials.GetType().Name);
        Assert.False(string.IsNullOrEmpty(keys.AccessKey));
        Assert.False(string.IsNullOrEmpty(keys.SecretKey));
        Assert.True(keys.UseToken);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
