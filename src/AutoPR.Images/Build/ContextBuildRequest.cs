namespace AutoPR.Images.Build;

/// <summary>A plain engine build of a context folder (the service build uses it; tests and tools may too).</summary>
public sealed record ContextBuildRequest
{
    public required string ContextDirectory { get; init; }

    /// <summary>Path of the Dockerfile inside the context.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    /// <summary>repository:tag names the image gets.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels added to the image on top of the Dockerfile's.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public bool NoCache { get; init; }
}
