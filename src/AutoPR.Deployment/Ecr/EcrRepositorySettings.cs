namespace AutoPR.Deployment.Ecr;

/// <summary>How a repository is created: immutable tags, scan on push and encryption by default.</summary>
public sealed record EcrRepositorySettings
{
    /// <summary>imageTagMutability: MUTABLE or IMMUTABLE (a tag, once pushed, always names the same image).</summary>
    public string ImageTagMutability { get; init; } = "IMMUTABLE";

    /// <summary>imageScanningConfiguration.scanOnPush.</summary>
    public bool ScanOnPush { get; init; } = true;

    /// <summary>encryptionConfiguration.encryptionType: AES256, KMS or KMS_DSSE.</summary>
    public string EncryptionType { get; init; } = "AES256";

    /// <summary>encryptionConfiguration.kmsKey, for KMS encryption (null: the AWS managed key).</summary>
    public string? KmsKey { get; init; }
}
