using AutoPR.Deployment.History;

namespace AutoPR.Deployment.Verification;

/// <summary>What to verify.</summary>
public sealed record VerifyRequest
{
    /// <summary>The revision that must run; null verifies whatever the service runs.</summary>
    public string? TaskDefinitionArn { get; init; }

    /// <summary>The git revision /version must report; null reads AUTOPR_REVISION from the task definition.</summary>
    public string? ExpectedRevision { get; init; }

    /// <summary>A bake window other than the environment's (for example 0 to verify a rollback quickly).</summary>
    public TimeSpan? BakeWindow { get; init; }

    /// <summary>Who verifies (recorded).</summary>
    public string Actor { get; init; } = "unknown";

    /// <summary>How the history records the result (Verify on its own, Deploy after DeployEcs, Rollback after a rollback).</summary>
    public DeploymentKind RecordAs { get; init; } = DeploymentKind.Verify;

    /// <summary>When the deployment being verified started (recorded as the start; default: when verification starts).</summary>
    public DateTimeOffset? DeploymentStartedAt { get; init; }
}
