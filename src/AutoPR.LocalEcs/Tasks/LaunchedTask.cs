namespace AutoPR.LocalEcs.Tasks;

/// <summary>The containers Docker created and started for a task.</summary>
public sealed record LaunchedTask(IReadOnlyList<LaunchedContainer> Containers);

/// <param name="ImageDigest">The registry (manifest) digest the image was pulled by, when known.</param>
/// <param name="ImageId">Docker's id of the image (its config digest), which the task metadata endpoint reports as ImageID.</param>
public sealed record LaunchedContainer(string Name, string ContainerId, string? ImageDigest, string? ImageId = null);
