namespace AutoPR.Images.Push;

/// <summary>
/// Credentials for a registry: a user name and password (ECR: "AWS" and the authorization
/// token's password), or an identity token. ToString never shows the secret.
/// </summary>
public sealed record RegistryCredentials
{
    public RegistryCredentials(string username, string password)
    {
        Username = username;
        Password = password;
    }

    private RegistryCredentials(string identityToken) => IdentityToken = identityToken;

    public string? Username { get; }

    public string? Password { get; }

    /// <summary>An OAuth refresh token (docker login's identitytoken), used instead of a password.</summary>
    public string? IdentityToken { get; }

    public static RegistryCredentials FromIdentityToken(string identityToken) => new(identityToken);

    public override string ToString() => IdentityToken is null
        ? $"RegistryCredentials {{ Username = {Username}, Password = *** }}"
        : "RegistryCredentials { IdentityToken = *** }";
}
