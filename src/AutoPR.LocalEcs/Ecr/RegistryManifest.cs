namespace AutoPR.LocalEcs.Ecr;

/// <summary>A manifest as the registry stores it: its exact bytes, media type and digest.</summary>
public sealed record RegistryManifest(string Digest, string MediaType, string Body);
