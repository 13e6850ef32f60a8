namespace AutoPR.LocalEcs.Tasks;

/// <summary>The containers Docker created and started for a task.</summary>
public sealed record LaunchedTask(IReadOnlyList<LaunchedContainer> Containers);

public sealed record LaunchedContainer(string Name, string ContainerId, string? ImageDigest);
