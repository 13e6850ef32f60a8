using System.Text.Json.Serialization;
using AutoPR.Deployment.Aws.Credentials;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// What an environment file says before its Terraform references are resolved: enough to find and read the
/// outputs (aws, terraform) and to decide without AWS (approval, local or not, the image repository).
/// </summary>
public sealed record EnvironmentHeader
{
    /// <summary>The environment name; equals the file name.</summary>
    public required string Name { get; init; }

    /// <summary>Account, region, credentials mode and endpoint overrides.</summary>
    public required AwsSettings Aws { get; init; }

    /// <summary>The image repository.</summary>
    public required EcrSettings Ecr { get; init; }

    /// <summary>Where the file's ${tf.NAME} values come from; null when it refers to none.</summary>
    public TerraformSettings? Terraform { get; init; }

    /// <summary>Whether a person must approve a deployment.</summary>
    public required bool RequiresApproval { get; init; }

    /// <summary>The file it was read from.</summary>
    [JsonIgnore]
    public string FilePath { get; init; } = string.Empty;

    /// <summary>The Terraform references in the file, in document order (empty: it is complete as written).</summary>
    [JsonIgnore]
    public IReadOnlyList<TerraformReferences.Use> References { get; init; } = [];

    /// <summary>Whether this environment is a local stand-in (fixed local credentials, loopback endpoints).</summary>
    [JsonIgnore]
    public bool IsLocal => Aws.Credentials == AwsCredentialMode.Local;
}
