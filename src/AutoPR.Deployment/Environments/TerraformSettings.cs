using AutoPR.Deployment.S3;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// Where the values an environment file refers to as ${tf.NAME} come from: the Terraform state object in S3
/// (read with the environment's own credentials, like ecspresso's tfstate plugin), or a Terraform root whose
/// `terraform output -json` answers. Exactly one of the two.
/// </summary>
public sealed record TerraformSettings
{
    /// <summary>The state object, s3://BUCKET/KEY (the root's backend "s3" bucket and key).</summary>
    public string? State { get; init; }

    /// <summary>A Terraform root directory, relative to the environment file (for `terraform output -json`).</summary>
    public string? Root { get; init; }

    /// <summary>The state object, when <see cref="State"/> is set.</summary>
    public S3ObjectLocation? StateObject => S3ObjectLocation.TryParse(State);
}
