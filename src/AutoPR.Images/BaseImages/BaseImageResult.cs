namespace AutoPR.Images.BaseImages;

/// <summary>The base image in the engine.</summary>
/// <param name="ImageName">e.g. autopr/runtime-deps:bookworm.</param>
/// <param name="ImageId">sha256:... image id.</param>
/// <param name="Created">True when this call made it; false when it existed with the same recipe.</param>
public sealed record BaseImageResult(string ImageName, string ImageId, bool Created);
