namespace AutoPR.Deployment.Environments;

/// <summary>When a rollout counts as good.</summary>
public sealed record VerificationSettings
{
    /// <summary>Highest acceptable fraction of 5xx responses (0.01 = 1 %).</summary>
    public required double MaxErrorRate { get; init; }

    /// <summary>Highest acceptable p99 latency in milliseconds.</summary>
    public required int MaxP99LatencyMs { get; init; }

    /// <summary>Seconds over which error rate and latency are measured.</summary>
    public required int BakeWindowSeconds { get; init; }

    /// <summary>Health checks in a row that must pass.</summary>
    public required int ConsecutiveHealthyChecks { get; init; }

    /// <summary>The probes that judge each revision on its own answers.</summary>
    public ProbeSettings Probes { get; init; } = new();

    /// <summary>Traffic-shifting strategies: the checks the new revision passes on the test listener before users reach it.</summary>
    public SmokeCheckSettings SmokeChecks { get; init; } = new();
}
