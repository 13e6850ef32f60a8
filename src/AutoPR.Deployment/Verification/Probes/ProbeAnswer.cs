namespace AutoPR.Deployment.Verification.Probes;

/// <summary>
/// One answer to a probe: the route asked, the revision that answered (task definition "family:revision" from the
/// service's <see cref="RevisionHeader"/>; null when nobody said, as for a load balancer's own 503 or a timeout), the
/// status (null without an answer), how long the answer took, and whether it was the status the route expects.
/// </summary>
public readonly record struct ProbeAnswer(string Route, string? Revision, int? Status, double Milliseconds, bool AsExpected);
