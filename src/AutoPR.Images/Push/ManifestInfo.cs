namespace AutoPR.Images.Push;

/// <summary>What a registry says about a manifest: its digest (Docker-Content-Digest), media type and size.</summary>
public sealed record ManifestInfo(string Digest, string? MediaType, long? Size);
