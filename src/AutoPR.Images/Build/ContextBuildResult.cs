namespace AutoPR.Images.Build;

/// <summary>An image built from a context folder.</summary>
/// <param name="ImageId">sha256:... image id.</param>
/// <param name="ContextDigest">sha256:... of the context tar that was sent.</param>
public sealed record ContextBuildResult(string ImageId, string ContextDigest);
