namespace AutoPR.Deployment.Ecr;

/// <summary>
/// Registry credentials decoded from an ECR authorization token ("AWS:&lt;password&gt;"). The password is a
/// secret: it is not part of <see cref="ToString"/>, so logging this object never prints it.
/// </summary>
public sealed record EcrAuthorization(string Username, string Password, Uri ProxyEndpoint, DateTimeOffset ExpiresAt)
{
    /// <summary>The registry host to log in to and to name images with ("123456789012.dkr.ecr.eu-west-1.amazonaws.com").</summary>
    public string RegistryHost => ProxyEndpoint.IsDefaultPort ? ProxyEndpoint.Host : ProxyEndpoint.Authority;

    /// <inheritdoc />
    public override string ToString() => $"EcrAuthorization {{ Username = {Username}, Password = [redacted], ProxyEndpoint = {ProxyEndpoint}, ExpiresAt = {ExpiresAt:O} }}";
}
