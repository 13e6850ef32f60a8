using System.Text.Json.Serialization;

namespace AutoPR.Deployment.Aws.Credentials;

/// <summary>Where the credentials of an environment come from.</summary>
public enum AwsCredentialMode
{
    /// <summary>AWSSDK.Core's default chain: environment, web identity, profiles (SSO, assume role, process), container, IMDS.</summary>
    [JsonStringEnumMemberName("default")]
    Default,

    /// <summary>
    /// Fixed, public, non-secret keys for a local stand-in on loopback (LocalEcs, moto): requests are still
    /// signed, so the wire format is the real one, but no real credential is ever needed or exposed.
    /// </summary>
    [JsonStringEnumMemberName("local")]
    Local,
}
