namespace AutoPR.Images.Push;

/// <summary>What to push where: a local image to `&lt;Registry&gt;/&lt;Repository&gt;:&lt;Tag&gt;`.</summary>
public sealed record ImagePushRequest
{
    /// <summary>Local image reference or id, e.g. autopr:&lt;sha&gt; (ImageBuildRecord.Reference).</summary>
    public required string SourceImage { get; init; }

    /// <summary>Registry host[:port], e.g. 127.0.0.1:5000 or 000000000000.dkr.ecr.us-east-1.amazonaws.com.</summary>
    public required string Registry { get; init; }

    /// <summary>Repository in the registry, e.g. autopr.</summary>
    public required string Repository { get; init; }

    public required string Tag { get; init; }

    /// <summary>Credentials (ECR: from GetAuthorizationToken); null: the docker config's, else anonymous.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>The docker config to read credentials from when none are given; null: the CLI's default.</summary>
    public string? DockerConfigPath { get; init; }

    /// <summary>The repository's tags are immutable (ECR IMMUTABLE): a tag holding another image is an error, not an overwrite.</summary>
    public bool ImmutableTags { get; init; }

    /// <summary>HTTPS for the registry checks; null: plain HTTP for loopback registries, HTTPS otherwise.</summary>
    public bool? UseHttps { get; init; }

    /// <summary>Where the image goes, by tag.</summary>
    public ImageReference Target => ImageReference.Unpinned(Registry, Repository, Tag);

    public string TargetReference => Target.Tagged;
}
