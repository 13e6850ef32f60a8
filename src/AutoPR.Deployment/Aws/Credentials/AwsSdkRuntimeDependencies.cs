using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace AutoPR.Deployment.Aws.Credentials;

/// <summary>
/// AWSSDK.Core finds the STS, SSO and SSO-OIDC clients (web identity, SSO and assume-role credentials) by
/// reflection, which trimming breaks. This registers them with <see cref="GlobalRuntimeDependencyRegistry"/>
/// and roots the constructors the SDK's reflection path calls, so those credential sources keep working in
/// a trimmed build. Called once, by <see cref="AwsCredentialResolver"/>.
/// </summary>
internal static class AwsSdkRuntimeDependencies
{
    private static int _registered;

    /// <summary>Registers the factories (idempotent, thread-safe).</summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSecurityTokenServiceClient))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSecurityTokenServiceConfig))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSSOClient))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSSOConfig))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSSOOIDCClient))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSSOOIDCConfig))]
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        var registry = GlobalRuntimeDependencyRegistry.Instance;

        // SSO and SSO-OIDC are called with a bearer token, never with AWS credentials: the SDK itself builds them anonymously.
        registry.RegisterSSOClient(context => CreateSsoClient(context.SSOClientContextData));
        registry.RegisterSSOOIDCClient(context => CreateSsoOidcClient(context.SSOOIDCClientContextData));

        // STS: the registry context does not carry the source credentials an assume-role profile needs, so where
        // the SDK can load the client itself (JIT, constructors rooted above) it keeps doing so (return null);
        // only under native AOT is an anonymous client given, which serves web identity (GitHub Actions OIDC).
        registry.RegisterSecurityTokenServiceClient(context =>
            RuntimeFeature.IsDynamicCodeSupported ? null! : CreateWebIdentityStsClient(context.SecurityTokenServiceClientContextData));
    }

    /// <summary>The SSO client the SDK asks for, built as the SDK's own fallback would build it.</summary>
    internal static AmazonSSOClient CreateSsoClient(SSOClientContext context)
    {
        var config = new AmazonSSOConfig { RegionEndpoint = context.Region };
        if (context.ProxySettings is not null)
        {
            config.SetWebProxy(context.ProxySettings);
        }

        return new AmazonSSOClient(new AnonymousAWSCredentials(), config);
    }

    /// <summary>The SSO-OIDC client the SDK asks for, built as the SDK's own fallback would build it.</summary>
    internal static AmazonSSOOIDCClient CreateSsoOidcClient(SSOOIDCClientContext context)
    {
        var config = new AmazonSSOOIDCConfig { RegionEndpoint = context.Region };
        if (context.ProxySettings is not null)
        {
            config.SetWebProxy(context.ProxySettings);
        }

        return new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), config);
    }

    /// <summary>An anonymous STS client: AssumeRoleWithWebIdentity is authenticated by the web identity token.</summary>
    internal static AmazonSecurityTokenServiceClient CreateWebIdentityStsClient(SecurityTokenServiceClientContext context)
    {
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = context.Region };
        if (context.ProxySettings is not null)
        {
            config.SetWebProxy(context.ProxySettings);
        }

        return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
    }
}
