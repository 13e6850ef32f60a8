using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecr;

/// <summary>Reads a Repository document; <see cref="Json"/> has the rest.</summary>
public sealed class EcrRepositoryView(JsonObject json)
{
    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>repositoryArn.</summary>
    public string? Arn => JsonRead.GetString(Json, "repositoryArn");

    /// <summary>repositoryName.</summary>
    public string? Name => JsonRead.GetString(Json, "repositoryName");

    /// <summary>repositoryUri ("123456789012.dkr.ecr.eu-west-1.amazonaws.com/autopr").</summary>
    public string? Uri => JsonRead.GetString(Json, "repositoryUri");

    /// <summary>registryId (the account).</summary>
    public string? RegistryId => JsonRead.GetString(Json, "registryId");

    /// <summary>imageTagMutability.</summary>
    public string? ImageTagMutability => JsonRead.GetString(Json, "imageTagMutability");

    /// <summary>imageScanningConfiguration.scanOnPush.</summary>
    public bool? ScanOnPush => JsonRead.GetBool(JsonRead.GetObject(Json, "imageScanningConfiguration"), "scanOnPush");

    /// <summary>encryptionConfiguration.encryptionType.</summary>
    public string? EncryptionType => JsonRead.GetString(JsonRead.GetObject(Json, "encryptionConfiguration"), "encryptionType");
}
