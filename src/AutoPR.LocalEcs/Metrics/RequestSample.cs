namespace AutoPR.LocalEcs.Metrics;

/// <summary>One request through a listener: when, the status code, how long the target took, and who answered.</summary>
/// <param name="FromTarget">False when the load balancer answered itself (no healthy target, target unreachable).</param>
public readonly record struct RequestSample(DateTimeOffset Time, int StatusCode, double ResponseSeconds, bool FromTarget);
