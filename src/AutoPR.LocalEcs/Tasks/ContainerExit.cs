namespace AutoPR.LocalEcs.Tasks;

/// <summary>How a container ended.</summary>
public sealed record ContainerExit(int ExitCode, string? Error, bool OutOfMemory);
