namespace AutoPR.Deployment.Docker.Push;

/// <summary>A pushed (or already present) image.</summary>
/// <param name="Reference">registry/repository:tag.</param>
/// <param name="Digest">sha256:... manifest digest; deploy by it (registry/repository@digest).</param>
/// <param name="Skipped">True when the tag already held this image and nothing was pushed.</param>
/// <param name="SkipReason">Why nothing was pushed.</param>
public sealed record ImagePushResult(string Reference, string Digest, bool Skipped, string? SkipReason)
{
    /// <summary>registry/repository@sha256:...</summary>
    public string DigestReference => $"{Reference[..Reference.LastIndexOf(':')]}@{Digest}";
}
