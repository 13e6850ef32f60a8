namespace AutoPR.Images.Build;

/// <summary>What was sent as a build context.</summary>
/// <param name="Digest">sha256:... of the tar bytes.</param>
/// <param name="FileCount">Regular files in it.</param>
/// <param name="Size">Bytes of the tar.</param>
public sealed record BuildContextSummary(string Digest, int FileCount, long Size);
