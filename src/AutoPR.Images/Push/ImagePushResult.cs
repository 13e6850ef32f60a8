namespace AutoPR.Images.Push;

/// <summary>A pushed (or already present) image.</summary>
/// <param name="Image">The image in the registry, pinned by its manifest digest and tagged as pushed.</param>
/// <param name="Skipped">True when the tag already held this image and nothing was pushed.</param>
/// <param name="SkipReason">Why nothing was pushed.</param>
public sealed record ImagePushResult(ImageReference Image, bool Skipped, string? SkipReason);
