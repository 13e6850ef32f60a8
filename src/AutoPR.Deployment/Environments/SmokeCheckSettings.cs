namespace AutoPR.Deployment.Environments;

/// <summary>
/// The test-traffic gate of BLUE_GREEN, CANARY and LINEAR: while the new revision sits behind the test listener only,
/// DeployEcs checks health, /version and these requests there, then lets production traffic shift, or rolls back.
/// </summary>
public sealed record SmokeCheckSettings
{
    /// <summary>Minutes ECS holds the deployment at the gate; if DeployEcs is gone by then, ECS rolls back.</summary>
    public int TimeoutMinutes { get; init; } = 15;

    /// <summary>Requests sent to the test listener besides health and /version.</summary>
    public IReadOnlyList<SmokeRequest> Requests { get; init; } = [];
}

/// <summary>One smoke-check request: a path, the status a good answer has, and optionally text its body contains.</summary>
public sealed record SmokeRequest
{
    /// <summary>Path and query, starting with one "/".</summary>
    public required string Path { get; init; }

    /// <summary>The status a good answer has.</summary>
    public int ExpectedStatus { get; init; } = 200;

    /// <summary>Text the body must contain (ordinal comparison), or null for any body.</summary>
    public string? BodyContains { get; init; }
}
