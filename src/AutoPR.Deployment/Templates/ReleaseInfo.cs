using AutoPR.Images;

namespace AutoPR.Deployment.Templates;

/// <summary>What is being deployed: the image by digest and the source it was built from.</summary>
public sealed record ReleaseInfo
{
    /// <summary>The image, pinned by digest.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The git commit the image was built from (AUTOPR_REVISION).</summary>
    public required string GitSha { get; init; }

    /// <summary>The version (AUTOPR_VERSION).</summary>
    public required string Version { get; init; }

    /// <summary>The tag the image was pushed with (AUTOPR_IMAGE_TAG), for people; the digest is what runs.</summary>
    public string? ImageTag { get; init; }

    /// <summary>
    /// Container variables of this release only, on top of the environment file's (they win over it): a deployment
    /// that must differ in configuration, such as a fault injected on purpose. The deployment's own variables
    /// (<see cref="TemplateValues.ReservedVariables"/>) cannot be set here.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
