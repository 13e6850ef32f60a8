using Amazon;
using Amazon.Runtime.SharedInterfaces;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;
using AutoPR.Deployment.Aws.Credentials;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>The SSO, SSO-OIDC and STS clients are registered for trimmed builds (creating a client sends nothing).</summary>
public sealed class SdkRuntimeDependencyTests
{
    [Fact]
    public void Sso_and_sso_oidc_clients_come_from_the_registry_for_the_asked_region()
    {
        _ = new AwsCredentialResolver();

        var sso = GlobalRuntimeDependencyRegistry.Instance.GetInstance<ICoreAmazonSSO>("AWSSDK.SSO", "Amazon.SSO.AmazonSSOClient",
            new CreateInstanceContext(new SSOClientContext { Region = RegionEndpoint.EUWest1 }));
        var oidc = GlobalRuntimeDependencyRegistry.Instance.GetInstance<ICoreAmazonSSOOIDC>("AWSSDK.SSOOIDC", "Amazon.SSOOIDC.AmazonSSOOIDCClient",
            new CreateInstanceContext(new SSOOIDCClientContext { Region = RegionEndpoint.EUWest1 }));

        var ssoClient = Assert.IsType<AmazonSSOClient>(sso);
        var oidcClient = Assert.IsType<AmazonSSOOIDCClient>(oidc);
        Assert.Equal(RegionEndpoint.EUWest1, ssoClient.Config.RegionEndpoint);
        Assert.Equal(RegionEndpoint.EUWest1, oidcClient.Config.RegionEndpoint);
        ssoClient.Dispose();
        oidcClient.Dispose();
    }

    [Fact]
    public void The_web_identity_sts_client_is_anonymous_and_regional()
    {
        using var sts = AwsSdkRuntimeDependencies.CreateWebIdentityStsClient(new SecurityTokenServiceClientContext { Region = RegionEndpoint.USEast1 });

        Assert.IsType<AmazonSecurityTokenServiceClient>(sts);
        Assert.Equal(RegionEndpoint.USEast1, sts.Config.RegionEndpoint);
    }
}
