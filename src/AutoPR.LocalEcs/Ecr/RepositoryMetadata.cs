namespace AutoPR.LocalEcs.Ecr;

/// <summary>What ECR knows about a repository that an OCI registry does not keep.</summary>
public sealed class RepositoryMetadata
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>MUTABLE or IMMUTABLE.</summary>
    public string ImageTagMutability { get; set; } = "MUTABLE";

    public bool ScanOnPush { get; set; }

    public string EncryptionType { get; set; } = "AES256";

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When each image digest was first seen: ECR's imagePushedAt.</summary>
    public Dictionary<string, DateTimeOffset> PushedAt { get; set; } = new(StringComparer.Ordinal);
}
