namespace AutoPR.Deployment.Environments;

/// <summary>
/// The deployment's own requests while a revision rolls out and bakes: sent to the environment's URLs only, each
/// answer attributed to the revision that gave it, and judged route by route (defaults: environment.schema.json).
/// </summary>
public sealed record ProbeSettings
{
    /// <summary>Probes per second, over all routes together.</summary>
    public int RequestsPerSecond { get; init; } = 20;

    /// <summary>Probes one deployment may send in all.</summary>
    public int MaxRequests { get; init; } = 20_000;

    /// <summary>Seconds one probing run (a rollout, a bake window) may last.</summary>
    public int MaxSeconds { get; init; } = 1_800;

    /// <summary>Requests probed besides the health URL and /version, each with the status it must answer.</summary>
    public IReadOnlyList<ProbeRoute> Routes { get; init; } = [new ProbeRoute { Path = "/" }];

    /// <summary>Answers a revision needs on a route (and the old revision, to compare with it) before it is judged there.</summary>
    public int MinimumSamples { get; init; } = 10;

    /// <summary>How sure the judge must be that the new revision is worse before it fails it (0.99: p below 0.01).</summary>
    public double Confidence { get; init; } = 0.99;
}

/// <summary>One probed request: a path on the environment's URL and the status a good answer has.</summary>
public sealed record ProbeRoute
{
    /// <summary>Path and query, starting with one "/": probes never leave the environment's own origin.</summary>
    public required string Path { get; init; }

    public int ExpectedStatus { get; init; } = 200;
}
