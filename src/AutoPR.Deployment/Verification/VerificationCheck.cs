namespace AutoPR.Deployment.Verification;

/// <summary>The state of one check.</summary>
public enum CheckStatus
{
    /// <summary>The signal is within its threshold.</summary>
    Passed,

    /// <summary>The signal broke its threshold.</summary>
    Failed,

    /// <summary>Not evaluated (an earlier check failed, or nothing to evaluate).</summary>
    NotRun,
}

/// <summary>One verification check: what was observed against what was expected.</summary>
public sealed record VerificationCheck(string Name, CheckStatus Status, string Observed, string Threshold, string? Detail = null)
{
    /// <summary>Check names, in the order they run.</summary>
    public const string Rollout = "rollout";

    /// <summary>The health URL answers healthy N times in a row.</summary>
    public const string Health = "health";

    /// <summary>/version reports the expected revision.</summary>
    public const string Version = "version";

    /// <summary>The probes' answers of the new revision, route by route, against the old revision's.</summary>
    public const string Probes = "probes";

    /// <summary>Users' 5xx responses (CloudWatch) over the whole minutes of the bake window.</summary>
    public const string ErrorRate = "error-rate";

    /// <summary>Users' p99 target response time (CloudWatch) over the whole minutes of the bake window.</summary>
    public const string Latency = "p99-latency";

    /// <summary>When the check's verdict was reached.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>"PASS", "FAIL" or "SKIP".</summary>
    public string Mark => Status switch
    {
        CheckStatus.Passed => "PASS",
        CheckStatus.Failed => "FAIL",
        _ => "SKIP",
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Mark} {Name}: {Observed} (threshold: {Threshold}){(Detail is null ? string.Empty : "; " + Detail)}";
}
