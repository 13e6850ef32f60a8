using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Ecr;

namespace AutoPR.Deployment.Environments;

/// <summary>The image repository of an environment and how it is created.</summary>
public sealed record EcrSettings
{
    /// <summary>Repository name ("autopr").</summary>
    public required string Repository { get; init; }

    /// <summary>Registry host[:port]; null means the account's ECR registry.</summary>
    public string? Registry { get; init; }

    /// <summary>MUTABLE or IMMUTABLE.</summary>
    public string ImageTagMutability { get; init; } = "IMMUTABLE";

    /// <summary>Scan images on push.</summary>
    public bool ScanOnPush { get; init; } = true;

    /// <summary>AES256, KMS or KMS_DSSE.</summary>
    public string EncryptionType { get; init; } = "AES256";

    /// <summary>KMS key for KMS encryption.</summary>
    public string? KmsKey { get; init; }

    /// <summary>The registry host images are pushed to: <see cref="Registry"/> or ACCOUNT.dkr.ecr.REGION.DNS-SUFFIX.</summary>
    public string RegistryHost(AwsSettings aws, bool useFips = false)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return Registry ?? AwsEndpointResolver.EcrRegistryHost(aws.AccountId, aws.Region, useFips);
    }

    /// <summary>The settings <see cref="EcrClient.CreateRepositoryAsync"/> takes.</summary>
    public EcrRepositorySettings ToRepositorySettings() => new()
    {
        ImageTagMutability = ImageTagMutability,
        ScanOnPush = ScanOnPush,
        EncryptionType = EncryptionType,
        KmsKey = KmsKey,
    };
}
